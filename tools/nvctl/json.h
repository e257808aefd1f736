/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A streaming JSON writer: values are written as they come, commas and
 * indentation follow from the nesting.
 */
#ifndef NVCTL_JSON_H
#define NVCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* show: devices, VNIs, ports, a port's DHCP binding and its routes */
#define JSON_MAX_DEPTH	10

struct json {
	FILE *f;
	bool pretty;
	unsigned int depth;
	/* first[d]: nothing written yet at depth d */
	bool first[JSON_MAX_DEPTH + 1];
};

void json_init(struct json *j, FILE *f, bool pretty);

/* key: the member name inside an object, NULL inside an array or on top. */
void json_object_open(struct json *j, const char *key);
void json_object_close(struct json *j);
void json_array_open(struct json *j, const char *key);
void json_array_close(struct json *j);
void json_string(struct json *j, const char *key, const char *val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);

#endif /* NVCTL_JSON_H */
