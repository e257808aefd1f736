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

#define NVCTL_UNUSED	__attribute__((unused))

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
/* "FILE:LINE" of the batch line running, NULL outside -b: errors name it */
extern const char *nvctl_where;
void nvctl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct nvo *nvctl_nvo(struct nvctl *c);
int nvctl_status(struct nvctl *c, int ret);
/* argv: OBJECT COMMAND ARGS..., as on the command line after the options */
int nvctl_dispatch(struct nvctl *c, int argc, char **argv);

/* batch.c */
int nvctl_batch(struct nvctl *c, const char *file, bool force);

/* parse.c */
enum arg_type {
	ARG_FLAG,	/* no value: stores flag in a bool */
	ARG_VNI,	/* uint32_t */
	ARG_MAC,	/* uint8_t[6] */
	ARG_ADDR,	/* struct nvo_addr, IPv4 or IPv6 */
	ARG_IFNAME,	/* const char *, shorter than IFNAMSIZ */
	ARG_ON_OFF,	/* bool */
	ARG_UDP_PORT,	/* uint16_t */
	ARG_SECONDS,	/* uint32_t */
	ARG_U32,	/* uint32_t */
	ARG_U8_INHERIT,	/* struct u8_inherit: a number or "inherit" */
	ARG_ENCAP,	/* uint8_t, enum nvo_encap: "vxlan" or "geneve" */
	ARG_ENCAP_DEFAULT, /* the same, or "default": NVO_ENCAP_UNSPEC */
	ARG_PORT_RANGE,	/* uint16_t[2]: two values, MIN MAX */
	ARG_U8,		/* uint8_t */
	ARG_U16,	/* uint16_t */
	ARG_TENANT,	/* uint16_t: a number or "none" (0) */
	ARG_PROTO,	/* uint8_t: an IP protocol, by name or number */
	ARG_PORTS,	/* uint16_t[2]: "P" or "P-Q", P <= Q */
	ARG_PREFIX,	/* struct prefix: ADDR[/LEN] */
	ARG_SG_NAME,	/* const char *: a name for a new security group */
	ARG_GROUP,	/* struct group_ref: a name, or a number (an id) */
	ARG_SG_LIST,	/* struct sg_list: GROUP[,GROUP...] or "none" */
	ARG_NEIGH_UNKNOWN, /* uint8_t, enum nvo_neigh_unknown: flood or drop */
	ARG_DST,	/* struct prefix: a prefix, or "default": AF_UNSPEC */
	/*
	 * struct arg[]: keywords of its own, which follow it (see
	 * parse_args()); "dhcp" of "port set"
	 */
	ARG_SECTION,
	ARG_IP4,	/* struct in_addr */
	ARG_PREFIX4,	/* struct prefix: IPv4 ADDR[/LEN] */
	ARG_IP4_LIST,	/* struct ip4_list: ADDR[,ADDR...] */
	ARG_DOMAIN,	/* const char *: a DHCP domain name */
	ARG_DHCP_ROUTE,	/* struct nvo_dhcp_route: DST[/LEN],GW or default,GW */
};

struct u8_inherit {
	uint8_t val;
	bool inherit;
};

/* An address prefix; a bare address is a host: /32 or /128. */
struct prefix {
	struct nvo_addr addr;
	uint8_t len;
	bool has_len;		/* "/LEN" was given */
};

/* A security group as the user names it. */
struct group_ref {
	const char *name;	/* NULL: by id */
	uint16_t id;
};

/* "sg GROUP[,GROUP...]" of a port, or "sg none" (count 0) */
struct sg_list {
	unsigned int count;
	struct group_ref refs[NVO_PORT_SG_MAX];
	char names[NVO_PORT_SG_MAX][NVO_SG_NAME_LEN];
};

/* "dns ADDR[,ADDR...]" of a DHCP binding */
struct ip4_list {
	unsigned int count;
	struct in_addr addr[NVO_DHCP_DNS_MAX];
};

/*
 * A keyword may be given once, or as many times as args has entries for
 * it: each occurrence fills the next entry.
 */
struct arg {
	const char *kw;
	enum arg_type type;
	void *dst;
	bool flag;		/* ARG_FLAG: the value to store */
	bool required;
	unsigned int group;	/* non-zero: at most one of the group */
	/*
	 * The value comes alone, as the first word that is no keyword of
	 * args; kw only names it in errors.
	 */
	bool bare;
	bool seen;		/* set by parse_cmd() */
};

int parse_cmd(int argc, char **argv, struct arg *args, const char **dev);
/*
 * "[dev] DEV GROUP [keyword [value]]...", or with has_group (not NULL)
 * "[dev] DEV [GROUP]": GROUP is a name, a number or "id N", an id.
 */
int parse_cmd_group(int argc, char **argv, struct arg *args, const char **dev,
		    struct group_ref *group, bool *has_group);
/* "[[dev] DEV] [keyword [value]]...", where "dev" may be a keyword of args. */
int parse_cmd_opt_dev(int argc, char **argv, struct arg *args,
		      const char **dev);
int parse_show(int argc, char **argv, const char **dev, int64_t *vni);
int parse_opt_dev(int argc, char **argv, const char **dev);
bool arg_seen(const struct arg *args, const char *kw);
/*
 * Checks of rules and ACL entries: what the kernel would refuse for
 * certain, in the words of the command line. "port" needs "proto" with
 * ports (proto: the value "proto" was given, if it was).
 */
int check_port_proto(const struct arg *args, unsigned int proto);
/* "KW PREFIX" must be IPv6 if v6, else IPv4; of: "the rule", "the entry" */
int check_prefix_family(const char *kw, const struct prefix *p, bool v6,
			const char *of);

/* print.c */
#define MAC_STRLEN	sizeof("00:00:00:00:00:00")
const char *mac_str(const uint8_t mac[6], char buf[MAC_STRLEN]);
const char *ip4_str(struct in_addr addr, char buf[INET_ADDRSTRLEN]);
const char *ip6_str(const struct in6_addr *addr, char buf[INET6_ADDRSTRLEN]);
const char *addr_str(const struct nvo_addr *addr, char buf[INET6_ADDRSTRLEN]);
/* "vxlan", "geneve", "default" (NVO_ENCAP_UNSPEC) or "encap_N" */
#define ENCAP_STRLEN	sizeof("encap_255")
const char *encap_str(unsigned int encap, char buf[ENCAP_STRLEN]);
/* Every byte of a name may need 4 characters: "\x1b". */
#define IFNAME_STRLEN	(4 * (IF_NAMESIZE - 1) + 1)
const char *ifname_str(const char *name, char buf[IFNAME_STRLEN]);
#define DROP_STRLEN	sizeof("reason_4294967295")
const char *drop_str(unsigned int reason, char buf[DROP_STRLEN]);
/* Security group names are escaped as interface names are. */
#define SG_NAME_STRLEN	(4 * (NVO_SG_NAME_LEN - 1) + 1)
const char *sg_name_str(const char *name, char buf[SG_NAME_STRLEN]);
/* "tcp", "any" (0), ...: the names "proto" takes; NULL for the others */
const char *proto_name(unsigned int proto);
/* The protocols whose rules may have ports */
bool proto_has_ports(unsigned int proto);
/* Of rules and ACL entries: " proto NAME|N" unless any (0), " port P[-Q]" */
void print_proto_ports(unsigned int proto, bool has_ports,
		       uint16_t port_min, uint16_t port_max);
/* "proto": its name ("any" for 0), or its number for one without */
void json_proto(struct json *j, unsigned int proto);
/* A DHCP domain, escaped as interface names are */
#define DOMAIN_STRLEN	(4 * (LIBNVO_DHCP_DOMAIN_LEN - 1) + 1)
const char *domain_str(const char *name, char buf[DOMAIN_STRLEN]);
/* "ADDR/LEN" */
#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + sizeof("/255") - 1)
const char *prefix_str(const struct nvo_addr *addr, unsigned int len,
		       char buf[PREFIX_STRLEN]);
/* "ADDR/LEN", or "ADDR" when p has no length, as it was given */
const char *prefix_given_str(const struct prefix *p, char buf[PREFIX_STRLEN]);
/* "ipv4", "ipv6", or "ethertype_0xNNNN" for one nvctl does not know */
#define ETHERTYPE_STRLEN	sizeof("ethertype_0xffff")
const char *ethertype_str(uint16_t ethertype, char buf[ETHERTYPE_STRLEN]);
/* "ingress", "egress", or "dir_N" for one nvctl does not know */
#define DIR_STRLEN	sizeof("dir_255")
const char *dir_str(uint8_t dir, char buf[DIR_STRLEN]);
/* "flood", "drop", or "neigh_unknown_N" for one nvctl does not know */
#define NEIGH_UNKNOWN_STRLEN	sizeof("neigh_unknown_255")
const char *neigh_unknown_str(uint8_t what, char buf[NEIGH_UNKNOWN_STRLEN]);

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
/* id -1: all the device's security groups; rules: of group sg, -1: all */
int load_sgs(struct nvctl *c, const char *dev, int32_t id, struct vec *v);
int load_rules(struct nvctl *c, const char *dev, int32_t sg, struct vec *v);
int load_acls(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);
int load_neigh(struct nvctl *c, const char *dev, int64_t vni, struct vec *v);
int load_routers(struct nvctl *c, const char *dev, struct vec *v);
int load_rifs(struct nvctl *c, const char *dev, struct vec *v);
/* router -1: the routes of every router */
int load_routes(struct nvctl *c, const char *dev, int64_t router,
		struct vec *v);

/* j NULL: a line of text; ctx: what the caller of print_table() gave */
typedef void (*item_print_fn)(struct json *j, const void *item,
			      const void *ctx);
void print_table(struct nvctl *c, const struct vec *v, item_print_fn print,
		 const void *ctx);
int show_table(struct nvctl *c, int argc, char **argv, size_t size,
	       load_fn load, item_print_fn print);
/* name NULL: all nvo links */
int load_links(struct nvctl *c, const char *name, struct vec *v);
/* j NULL: text; returns an exit status */
typedef int (*dev_print_fn)(struct nvctl *c, struct json *j,
			    const struct nvo_dev_info *d);
int show_devs(struct nvctl *c, int argc, char **argv, dev_print_fn print);

/* fdb.c: an entry's destination, shared with show.c */
void fdb_print_dest(const struct nvo_fdb_info *f);
void fdb_json(struct json *j, const struct nvo_fdb_info *f, bool with_vni);

/* vni.c: a VNI's encapsulation, MTU and overhead, shared with show.c */
void vni_print_encap(const struct nvo_vni_info *v, uint8_t dev_encap);
void vni_print_limits(const struct nvo_vni_info *v);
void vni_json_limits(struct json *j, const struct nvo_vni_info *v);
void vni_json_encap(struct json *j, const struct nvo_vni_info *v,
		    uint8_t dev_encap);

/* vni.c: a VNI's tenant, shared with show.c */
void vni_print_tenant(const struct nvo_vni_info *v);
void vni_json_tenant(struct json *j, const struct nvo_vni_info *v);

/* vni.c: a VNI's neighbour table settings, shared with show.c */
void vni_print_neigh(const struct nvo_vni_info *v);
void vni_json_neigh(struct json *j, const struct nvo_vni_info *v);

/*
 * sg.c: security groups by name or id. A table of a device's groups, read
 * from the kernel when first needed.
 */
struct sg_table {
	const char *dev;
	struct vec v;		/* struct nvo_sg_info, by id */
	bool loaded;
};
#define SG_TABLE_INIT(d)	{ d, VEC_INIT(struct nvo_sg_info), false }
int sg_table_load(struct nvctl *c, struct sg_table *t);
/* The id of group g; kw: the keyword g was given with, for errors */
int sg_id(struct nvctl *c, struct sg_table *t, const struct group_ref *g,
	  const char *kw, uint16_t *id);
/* The ids of l's groups (keyword "sg"), in its order */
int sg_ids(struct nvctl *c, struct sg_table *t, const struct sg_list *l,
	   uint16_t ids[NVO_PORT_SG_MAX]);
/* NULL: no such group in t */
const struct nvo_sg_info *sg_find(const struct sg_table *t, uint16_t id);
/* A group as the user names it: its name, or "id N" (with_kw) or "N" */
void sg_print(const struct sg_table *t, uint16_t id, bool with_kw);
/* Its name, or its id when it has none */
void sg_json(struct json *j, const char *key, const struct sg_table *t,
	     uint16_t id);

/*
 * port.c: a port's security groups, port security and DHCP binding,
 * shared with show.c
 */
bool ports_have_sgs(const struct vec *ports);
void port_print_sgs(const struct nvo_port_info *p, const struct sg_table *t);
void port_json_sgs(struct json *j, const struct nvo_port_info *p,
		   const struct sg_table *t);
void port_print_dhcp(const struct nvo_port_info *p);
void port_json_dhcp(struct json *j, const struct nvo_port_info *p);

/* rule.c: the commands of "sg rule" */
extern const struct cmd rule_cmds[];

/* rif.c: the commands of "router if" */
extern const struct cmd rif_cmds[];

/* Runs the command of cmds that argv[0] names; object: their object's words */
int run_cmd(struct nvctl *c, const char *object, const struct cmd *cmds,
	    int argc, char **argv);

extern const struct cmd link_cmds[], vni_cmds[], port_cmds[], fdb_cmds[],
	flood_cmds[], neigh_cmds[], sg_cmds[], acl_cmds[], router_cmds[],
	route_cmds[];
int cmd_show(struct nvctl *c, int argc, char **argv);
int cmd_stats(struct nvctl *c, int argc, char **argv);

#endif /* NVCTL_H */
