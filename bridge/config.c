/* SPDX-License-Identifier: MIT */
/*
 * config.c - the configuration file as command-line arguments (config.h).
 */
#define _GNU_SOURCE
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Options that take no value (flags). */
static const char *const flags[] = {"client", "read-only", "no-check", "no-firmware", "trace",
                                    "quiet-ready"};
/* Options that make no sense in a file. */
static const char *const refused[] = {"config", "help", "version", "h"};

static bool in(const char *k, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(k, set[i]))
            return true;
    return false;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

struct vec {
    char **v;
    int n, cap;
};

static int push(struct vec *a, const char *s)
{
    if (a->n == a->cap) {
        int cap = a->cap ? 2 * a->cap : 32;
        char **v = realloc(a->v, (size_t)cap * sizeof(*v));
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    if (!(a->v[a->n] = strdup(s)))
        return -1;
    a->n++;
    return 0;
}

/* One section's "--key value" pairs; the adapter's socket goes first. */
struct section {
    struct vec args;
    char *socket;
    unsigned line;       /* of its [adapter] header */
};

static void section_free(struct section *s)
{
    for (int i = 0; i < s->args.n; i++)
        free(s->args.v[i]);
    free(s->args.v);
    free(s->socket);
    memset(s, 0, sizeof(*s));
}

static int flush_section(struct vec *out, struct section *s, const char *path, char *err,
                         size_t errlen)
{
    int rc = 0;
    if (!s->socket) {
        snprintf(err, errlen, "%s:%u: [adapter] without a socket = PATH", path, s->line);
        rc = -1;
    } else if (push(out, "--socket") || push(out, s->socket)) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    for (int i = 0; i < s->args.n; i++) {
        if (rc == 0 && push(out, s->args.v[i])) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
        free(s->args.v[i]);
    }
    free(s->args.v);
    free(s->socket);
    memset(s, 0, sizeof(*s));
    return rc;
}

int vb_config_read(const char *path, char ***argv_out, int *argc_out, char *err, size_t errlen)
{
    err[0] = '\0';
    FILE *f = fopen(path, "re");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct vec out = {0};
    struct section sec = {0};
    bool in_adapter = false;
    char buf[1024];
    unsigned line = 0;
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof(buf), f)) {
        line++;
        if (!strchr(buf, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%u: line longer than %zu bytes", path, line,
                     sizeof(buf) - 2);
            rc = -1;
            break;
        }
        char *s = trim(buf);
        if (!*s || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            if (strcmp(s, "[adapter]")) {
                snprintf(err, errlen, "%s:%u: unknown section '%s' (only [adapter])", path,
                         line, s);
                rc = -1;
                break;
            }
            if (in_adapter && flush_section(&out, &sec, path, err, errlen)) {
                rc = -1;
                break;
            }
            in_adapter = true;
            sec.line = line;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%u: expected 'key = value', got '%s'", path, line, s);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        char opt[80];
        if (!*key || strlen(key) > 64 || in(key, refused, sizeof(refused) / sizeof(*refused))) {
            snprintf(err, errlen, "%s:%u: '%s' cannot be set in a configuration file", path,
                     line, key);
            rc = -1;
            break;
        }
        snprintf(opt, sizeof(opt), "--%s", key);
        struct vec *dst = in_adapter ? &sec.args : &out;
        if (in_adapter && !strcmp(key, "socket")) {
            if (sec.socket) {
                snprintf(err, errlen, "%s:%u: a second socket in one [adapter]", path, line);
                rc = -1;
                break;
            }
            sec.socket = strdup(val);
            continue;
        }
        if (!in_adapter && !strcmp(key, "socket")) {
            snprintf(err, errlen, "%s:%u: socket belongs in an [adapter] section", path, line);
            rc = -1;
            break;
        }
        if (in(key, flags, sizeof(flags) / sizeof(*flags))) {
            bool on = !strcmp(val, "true") || !strcmp(val, "yes") || !strcmp(val, "1");
            bool off = !strcmp(val, "false") || !strcmp(val, "no") || !strcmp(val, "0");
            if (!on && !off) {
                snprintf(err, errlen, "%s:%u: %s is a flag: true or false, not '%s'", path,
                         line, key, val);
                rc = -1;
                break;
            }
            if (on && push(dst, opt))
                rc = -1;
            continue;
        }
        if (push(dst, opt) || push(dst, val))
            rc = -1;
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    fclose(f);
    if (rc == 0 && in_adapter)
        rc = flush_section(&out, &sec, path, err, errlen);
    else
        section_free(&sec);
    if (rc) {
        vb_config_free(out.v, out.n);
        if (!err[0])
            snprintf(err, errlen, "out of memory");
        return -1;
    }
    *argv_out = out.v;
    *argc_out = out.n;
    return 0;
}

void vb_config_free(char **argv, int argc)
{
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}
