/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz: random and mutated netlink requests to nvo (generic netlink
 * family "nvo" and rtnetlink changelink of nvo devices). See nlfuzz.c.
 */
#ifndef NLFUZZ_H
#define NLFUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/nvo.h>

#define BUS_GENL	0
#define BUS_RTNL	1

/* A request before serialization: a header and a flat list of attributes
 * (for rtnetlink, the list is what goes inside IFLA_INFO_DATA).
 */
#define MAX_ATTRS	24
#define MAX_PAYLOAD	256

struct fattr {
	uint16_t type;
	uint16_t len;
	uint8_t d[MAX_PAYLOAD];
};

struct fmsg {
	int bus;
	uint16_t flags;		/* nlmsg_flags */
	uint8_t cmd;		/* genl command */
	uint8_t version;	/* genl version */
	int ifindex;		/* rtnl: the device */
	uint32_t ifi_flags;	/* rtnl: IFF_UP to bring it up... */
	uint32_t ifi_change;	/* ... IFF_UP to change that */
	bool up;		/* rtnl baseline: the device was up */
	char ifname[16];	/* rtnl: IFLA_IFNAME, to create a device */
	bool lladdr;		/* rtnl: an IFLA_ADDRESS, which nvo refuses */
	bool shallow;		/* rtnl: header or flags changed */
	unsigned int n;
	struct fattr a[MAX_ATTRS];
};

/* A serialized request, possibly garbled past what struct fmsg can say. */
#define MAX_WIRE	8192

struct wire {
	int bus;
	size_t len;
	uint8_t b[MAX_WIRE];
	bool pristine;		/* a corpus message, not mutated */
	bool deep;		/* rtnl: only IFLA_INFO_DATA was touched */
};

/* What the kernel answered to one request (one write, which the kernel
 * may read as several netlink messages).
 */
#define MAX_ERRS	8

struct answer {
	int nerr;		/* NLMSG_ERROR (or DONE) with error < 0 */
	int err[MAX_ERRS];
	bool msg[MAX_ERRS];	/* ... with NLMSGERR_ATTR_MSG */
	char text[160];		/* the first error's message */
	int nack;		/* NLMSG_ERROR with error 0 */
	int ndata;		/* replies and dump parts */
	int nintr;		/* messages flagged NLM_F_DUMP_INTR */
	bool timeout;
};

struct nls {
	struct mnl_socket *nl;
	uint32_t seq;
	/* A dump of ours still running on this socket: its messages are
	 * read (to its end) but are not answers to the request.
	 */
	uint32_t other_seq;
	bool other_open;
};

/* The world the corpus draws from, read from the kernel at start. */
#define MAX_DEVS	8
#define MAX_IFS		64
#define MAX_VNIS	128
#define MAX_MACS	256
#define MAX_SGS		16
#define MAX_RULES	64
#define MAX_NEIGHS	64
#define MAX_ACLS	64
#define MAX_ROUTERS	8
#define MAX_RIFS	16
#define MAX_ROUTES	64

struct world {
	uint16_t family;
	/* per genl command: GENL_CMD_CAP_DO/DUMP as nlctrl reports them */
	uint32_t ops[256];
	int ndevs;
	int dev_ifindex[MAX_DEVS];
	char dev_name[MAX_DEVS][16];
	int nifs;
	int if_index[MAX_IFS];
	char if_name[MAX_IFS][16];
	int nvnis;
	uint32_t vni[MAX_VNIS];
	uint16_t vni_tenant[MAX_VNIS];	/* of the baseline's VNI_NEW, 0: none */
	int nmacs;
	uint8_t mac[MAX_MACS][6];
	/* Security groups and rules of the baseline, lowest ids first,
	 * but those of --fill-* (FILL_SG).
	 */
	int nsgs;
	uint16_t sg[MAX_SGS];
	char sg_name[MAX_SGS][NVO_SG_NAME_LEN];
	/* ports of the baseline, by ifindex */
	int nports;
	int port_if[MAX_IFS];
	int nrules;
	struct {
		uint16_t sg;
		uint32_t id;
	} rule[MAX_RULES];
	/* Neighbours and ACL entries of the baseline, the first of its
	 * dumps (the setup's before those of --fill-*).
	 */
	int nneighs;
	struct {
		uint32_t vni;
		bool v6;
		uint8_t ip[16];
	} neigh[MAX_NEIGHS];
	int nacls;
	struct {
		uint32_t vni;
		uint32_t prio;
	} acl[MAX_ACLS];
	/* Routers, their interfaces and static routes of the baseline, but
	 * those of --fill-* (FILL_ROUTER).
	 */
	int nrouters;
	struct {
		uint32_t id;
		uint16_t tenant;
	} router[MAX_ROUTERS];
	int nrifs;
	struct {
		uint32_t router, vni;
		bool has4, has6;
		uint8_t ip4[4], plen4;
		uint8_t ip6[16], plen6;
	} rif[MAX_RIFS];
	int nroutes;
	struct {
		uint32_t router;
		bool v6;
		uint8_t ip[16], plen;
	} route[MAX_ROUTES];
};

/* The seeded generator, in nlfuzz.c */
uint64_t rnd(void);
static inline uint32_t rndn(uint32_t n) { return n ? rnd() % n : 0; }
static inline bool chance(unsigned int pct) { return rndn(100) < pct; }

/* nlio.c */
int nls_open(struct nls *s, int bus);
void nls_close(struct nls *s);
int nls_xchg(struct nls *s, struct wire *w, struct answer *a);
int nls_dump(struct nls *s, uint16_t type, uint16_t flags,
	     const void *hdr, size_t hlen, const struct fattr *attrs,
	     unsigned int n, int (*cb)(const struct nlmsghdr *, void *),
	     void *arg);
int resolve_family(struct nls *s, struct world *w);
size_t wire_walk(const struct wire *w, int *nproc);

/* corpus.c */
#define NEW_DEV	"nvofznew"	/* the name of devices it creates */
/* Security groups of --fill-*: FILL_SG holds the bulk of the rules, the
 * groups after it none. The corpus leaves them out of its picks, which
 * would otherwise rarely hit the groups that have rules and ports.
 */
#define FILL_SG		40000
#define FILL_SG_MAX	1000
/* The router of --fill-*, with the bulk of the routes, on the first VNI
 * of --fill-vnis with this tenant; left out of the picks as well.
 */
#define FILL_ROUTER	40000
#define FILL_TENANT	4000
extern bool corpus_policy_valid;
void world_read(struct nls *g, const struct fmsg *base, int nbase,
		struct world *w);
void corpus_msg(const struct world *w, struct fmsg *m, bool mutating_only);
void corpus_dump(const struct world *w, struct fmsg *m);
bool cmd_mutating(int bus, uint8_t cmd);
const struct fattr *fattr_find(const struct fmsg *m, uint16_t type);
void put_u32(struct fmsg *m, uint16_t type, uint32_t v);
void put_u8(struct fmsg *m, uint16_t type, uint8_t v);
void put_u16(struct fmsg *m, uint16_t type, uint16_t v);
void put_str(struct fmsg *m, uint16_t type, const char *s);
void put_bin(struct fmsg *m, uint16_t type, const void *p, size_t len);
void nest_put(struct fattr *nest, uint16_t type, const void *p, size_t len);

/* mutate.c */
void mutate_attrs(const struct world *w, struct fmsg *m, int rounds);
void serialize(const struct world *w, const struct fmsg *m, struct wire *out,
	       uint32_t seq);
void mutate_bytes(const struct world *w, struct wire *out);
void wire_sanitize(const struct world *w, struct wire *x);
void describe(const struct world *w, const struct wire *x, char *buf,
	      size_t size);

/* snapshot.c */
struct snap {
	size_t len, cap;
	char *text;		/* sorted lines */
};

int snap_take(struct nls *g, struct nls *r, const struct world *w,
	      struct snap *s);
int baseline_take(struct nls *g, struct nls *r, const struct world *w,
		  struct snap *s, struct fmsg *base, int *nbase, int maxbase);
bool snap_equal(const struct snap *a, const struct snap *b);
void snap_diff(const struct snap *a, const struct snap *b);
void snap_free(struct snap *s);

#endif
