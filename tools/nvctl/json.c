// SPDX-License-Identifier: GPL-2.0-only
/* A streaming JSON writer (RFC 8259). */
#include <assert.h>
#include <inttypes.h>

#include "json.h"

void json_init(struct json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->pretty = pretty;
	j->depth = 0;
	j->first[0] = true;
}

static void newline(struct json *j)
{
	unsigned int i;

	if (!j->pretty)
		return;
	putc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/*
 * The length of the well-formed UTF-8 sequence at s, or 0. Overlong forms,
 * surrogates and code points beyond U+10FFFF are not well-formed.
 */
static unsigned int utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	unsigned int n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++, lo = 0x80, hi = 0xbf)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return n;
}

/*
 * Interface names may hold any byte but '/', ':' and white space, so
 * bytes that are not UTF-8 become U+FFFD: the output stays valid JSON.
 */
static void quote(struct json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	putc('"', j->f);
	while (*s) {
		unsigned int n = utf8_len(s);

		if (!n) {
			fputs("\\ufffd", j->f);
			s++;
		} else if (n > 1) {
			fwrite(s, 1, n, j->f);
			s += n;
		} else if (*s == '"' || *s == '\\') {
			fprintf(j->f, "\\%c", *s++);
		} else if (*s < 0x20) {
			fprintf(j->f, "\\u%04x", *s++);
		} else {
			putc(*s++, j->f);
		}
	}
	putc('"', j->f);
}

/* Before any value: the comma, the line break and the member name. */
static void member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		putc(',', j->f);
	j->first[j->depth] = false;
	if (j->depth)
		newline(j);
	if (key) {
		quote(j, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void container_open(struct json *j, const char *key, char c)
{
	member(j, key);
	putc(c, j->f);
	assert(j->depth < JSON_MAX_DEPTH);
	j->first[++j->depth] = true;
}

static void container_close(struct json *j, char c)
{
	bool empty = j->first[j->depth];

	assert(j->depth > 0);
	j->depth--;
	if (!empty)
		newline(j);
	putc(c, j->f);
	if (!j->depth)
		putc('\n', j->f);
}

void json_object_open(struct json *j, const char *key)
{
	container_open(j, key, '{');
}

void json_object_close(struct json *j)
{
	container_close(j, '}');
}

void json_array_open(struct json *j, const char *key)
{
	container_open(j, key, '[');
}

void json_array_close(struct json *j)
{
	container_close(j, ']');
}

void json_string(struct json *j, const char *key, const char *val)
{
	member(j, key);
	quote(j, val);
}

void json_uint(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	fputs(val ? "true" : "false", j->f);
}
