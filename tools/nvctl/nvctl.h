/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvctl: configure nvo overlay devices. Every function that runs (part of)
 * a command returns an exit status: 0, EXIT_RUNTIME or EXIT_USAGE, having
 * printed the error.
 */
#ifndef NVCTL_H
#define NVCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arpa/inet.h>

#include "libnvo.h"
#include "json.h"

#define EXIT_RUNTIME	1	/* the kernel or the system refused */
#define EXIT_USAGE	2	/* the command line is wrong */

/* What a callback of a libnvo walk returns when nvctl runs out of memory. */
#define NVCTL_NOMEM	1

struct nvctl {
	struct nvo *h;		/* NULL until nvctl_nvo() */
	const char *netns;	/* -n, NULL: nvctl's own */
	bool json, pretty;
};

struct cmd {
	const char *name;
	/* argv: the words after the command's name */
	int (*run)(struct nvctl *c, int argc, char **argv);
};

/* nvctl.c */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct nvo *nvctl_nvo(struct nvctl *c);
int nvctl_status(struct nvctl *c, int ret);

/* parse.c */
enum arg_type {
	ARG_FLAG,	/* no value: stores flag in a bool */
	ARG_VNI,	/* uint32_t */
	ARG_MAC,	/* uint8_t[6] */
	ARG_IPV4,	/* struct in_addr */
	ARG_IFNAME,	/* const char *, shorter than IFNAMSIZ */
	ARG_ON_OFF,	/* bool */
	ARG_UDP_PORT,	/* uint16_t */
	ARG_SECONDS,	/* uint32_t */
};

struct arg {
	const char *kw;
	enum arg_type type;
	void *dst;
	bool flag;		/* ARG_FLAG: the value to store */
	bool required;
	unsigned int group;	/* non-zero: at most one of the group */
	bool seen;		/* set by parse_cmd() */
};

int parse_cmd(int argc, char **argv, struct arg *args, const char **dev);
int parse_show(int argc, char **argv, const char **dev, int64_t *vni);
int parse_opt_dev(int argc, char **argv, const char **dev);
bool arg_seen(const struct arg *args, const char *kw);

/* print.c */
#define MAC_STRLEN	sizeof("00:00:00:00:00:00")
const char *mac_str(const uint8_t mac[6], char buf[MAC_STRLEN]);
const char *ip4_str(struct in_addr addr, char buf[INET_ADDRSTRLEN]);
/* Every byte of a name may need 4 characters: "\x1b". */
#define IFNAME_STRLEN	(4 * (IF_NAMESIZE - 1) + 1)
const char *ifname_str(const char *name, char buf[IFNAME_STRLEN]);
#define DROP_STRLEN	sizeof("reason_4294967295")
const char *drop_str(unsigned int reason, char buf[DROP_STRLEN]);

/* table.c: tables read whole, then sorted so that output is stable */
struct vec {
	void *items;
	size_t len, cap, size;
};
#define VEC_INIT(type)	{ NULL, 0, 0, sizeof(type) }
void vec_free(struct vec *v);

/* dev NULL: all devices (load_devs only); vni -1: all VNIs */
typedef int (*load_fn)(struct nvctl *c, const char *dev, int64_t vni,
		       struct vec *v);
int load_devs(struct nvctl *c, const char *dev, struct vec *v);
int load_vnis(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);
int load_ports(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);
int load_fdb(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);
int load_flood(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);

/* j NULL: a line of text */
typedef void (*item_print_fn)(struct json *j, const void *item);
int show_table(struct nvctl *c, int argc, char **argv, size_t size,
	       load_fn load, item_print_fn print);
/* j NULL: text; returns an exit status */
typedef int (*dev_print_fn)(struct nvctl *c, struct json *j,
			    const struct nvo_dev_info *d);
int show_devs(struct nvctl *c, int argc, char **argv, dev_print_fn print);

/* fdb.c: an entry's destination, shared with show.c */
void fdb_print_dest(const struct nvo_fdb_info *f);
void fdb_json(struct json *j, const struct nvo_fdb_info *f, bool with_vni);

extern const struct cmd link_cmds[], vni_cmds[], port_cmds[], fdb_cmds[],
	flood_cmds[];
int cmd_show(struct nvctl *c, int argc, char **argv);
int cmd_stats(struct nvctl *c, int argc, char **argv);

#endif /* NVCTL_H */
