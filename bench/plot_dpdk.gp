# gnuplot script (Debian's gnuplot-nox): the DPDK benchmark's ratio per frame
# size from the CSV of bench_dpdk.py --csv. Called by scripts/bench.sh:
#   gnuplot -e "csv='dpdk.csv'; out='dpdk.svg'; subtitle='...'" bench/plot_dpdk.gp
if (!exists("subtitle")) subtitle = ""
set datafile separator ","
set terminal svg size 720,440 dynamic font "sans,12" background rgb "white"
set output out
set title "testpmd txonly: the adapter (bridge, firmware rxonly) vs. testpmd's vhost PMD\n{/*0.8 ".subtitle."}"
set ylabel "rate ratio ours / base"
set xlabel "frame size (bytes); median Mpps ours / base"
set style data histograms
set style histogram errorbars gap 1.5 lw 1.5
set style fill solid 0.7 border -1
set boxwidth 0.6
set yrange [0:*]
set grid ytics
set bmargin 6
set xlabel offset 0,-0.8
set key top left
set offsets 0, 0, graph 0.15, 0
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb "black" lw 1.5
set arrow 2 from graph 0, first 0.9 to graph 1, first 0.9 nohead dt 2 lc rgb "#cc3311" lw 1.5
set label 2 "target 0.9x at 64 B" at graph 0.99, first 0.9 right offset 0,-0.8 tc rgb "#cc3311"
plot csv using 4:5:6:xtic(sprintf("%d B\n%.2f / %.2f Mpps", $1, $2, $3)) skip 1 \
         title "ratio: median of rounds, bar = range of rounds" lc rgb "#4477aa", \
     '' using 0:4:(sprintf("%.2fx", $4)) skip 1 with labels offset 2.5,0.6 notitle
