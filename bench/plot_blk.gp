# gnuplot script (Debian's gnuplot-nox): the blk benchmark's IOPS per queue
# depth from the CSV of bench_blk.py --csv. Called by scripts/bench.sh:
#   gnuplot -e "csv='blk.csv'; out='blk.svg'; subtitle='...'" bench/plot_blk.gp
if (!exists("subtitle")) subtitle = ""
set datafile separator ","
set terminal svg size 720,440 dynamic font "sans,12" background rgb "white"
set output out
set title "qemu-img bench (libblkio, 4 KiB): the adapter (bridge, firmware blk) vs. qemu-storage-daemon\n{/*0.8 ".subtitle."}"
set ylabel "IOPS (thousands)"
set xlabel "request type, queue depth; ratio ours / base (median of rounds)"
set style data histograms
set style histogram errorbars gap 1.5 lw 1.5
set style fill solid 0.7 border -1
set yrange [0:*]
set grid ytics
set bmargin 6
set xlabel offset 0,-0.8
set key top left
set offsets 0, 0, graph 0.18, 0
plot csv using ($3/1e3):($8/1e3):($9/1e3):xtic(sprintf("%s QD%d\n%.2fx", strcol(1), $2, $5)) skip 1 \
         title "ours (vhost-pci-bridge --backend blk)" lc rgb "#4477aa", \
     '' using ($4/1e3):($10/1e3):($11/1e3) skip 1 title "base (qemu-storage-daemon)" lc rgb "#bbbbbb"
