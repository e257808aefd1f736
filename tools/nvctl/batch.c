// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl -b FILE: one command per line, as ip -batch runs them, all on one
 * libnvo handle so that a long file costs one socket setup rather than one
 * process per command.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvctl.h"

static const char blanks[] = " \t\r\n";

/*
 * Splits line into words in place, as ip(8)'s makeargs() does: a word that
 * starts with ' or " runs to the same quote, blanks included; a word that
 * starts with # ends the line. *argv grows as needed and ends with NULL.
 * Returns the number of words, or minus an exit status (the error printed).
 */
static int split(char *line, char ***argv, size_t *cap)
{
	size_t argc = 0;
	char *p = line, *word;

	for (;;) {
		p += strspn(p, blanks);
		if (!*p || *p == '#')
			break;
		if (*p == '\'' || *p == '"') {
			word = p + 1;
			p = strchr(word, *p);
			if (!p)
				return -usage_error("unterminated quoted string");
		} else {
			word = p;
			p += strcspn(p, blanks);
		}
		if (argc + 2 > *cap) {
			size_t n = *cap ? *cap * 2 : 16;
			char **a = reallocarray(*argv, n, sizeof(*a));

			if (!a) {
				nvctl_error("%s", strerror(ENOMEM));
				return -EXIT_RUNTIME;
			}
			*argv = a;
			*cap = n;
		}
		(*argv)[argc++] = word;
		if (*p)
			*p++ = '\0';
	}
	if (*cap)
		(*argv)[argc] = NULL;
	return argc;
}

/*
 * Runs every line of file ("-": standard input). Without force, stops at
 * the first line that fails and returns its status; with force, runs them
 * all and returns the status of the first that failed, 0 if none did.
 */
int nvctl_batch(struct nvctl *c, const char *file, bool force)
{
	char where[PATH_MAX + sizeof(":18446744073709551615")];
	char *line = NULL, **argv = NULL;
	size_t len = 0, cap = 0;
	unsigned long lineno = 0;
	int argc, ret, status = 0;
	FILE *f = stdin;

	if (strcmp(file, "-")) {
		f = fopen(file, "r");
		if (!f) {
			fprintf(stderr, "Error: cannot open \"%s\": %s\n", file,
				strerror(errno));
			return EXIT_RUNTIME;
		}
	}
	nvctl_where = where;
	while (getline(&line, &len, f) >= 0) {
		snprintf(where, sizeof(where), "%s:%lu", file, ++lineno);
		argc = split(line, &argv, &cap);
		if (argc == 0)
			continue;
		ret = argc < 0 ? -argc : nvctl_dispatch(c, argc, argv);
		/* Output and errors in the order of the lines. */
		fflush(stdout);
		if (ret && !status)
			status = ret;
		if (ret && !force)
			break;
	}
	if (ferror(f)) {
		snprintf(where, sizeof(where), "%s:%lu", file, lineno + 1);
		nvctl_error("cannot read: %s", strerror(errno));
		status = status ?: EXIT_RUNTIME;
	}
	nvctl_where = NULL;
	free(line);
	free(argv);
	if (f != stdin)
		fclose(f);
	return status;
}
