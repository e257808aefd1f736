/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnvo internals, shared by the library's files and never installed.
 */
#ifndef LIBNVO_INTERNAL_H
#define LIBNVO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <libmnl/libmnl.h>

/*
 * libnvo.map lists what libnvo.so exports; building with
 * -fvisibility=hidden as well lets the compiler call the rest directly.
 * Everything else not static is named nvo__*, out of the way of programs
 * linking libnvo.a.
 */
#pragma GCC visibility push(default)
#include "libnvo.h"
#pragma GCC visibility pop

/*
 * The largest request is a port set with every group and a full DHCP
 * binding: headers, two names shorter than IFNAMSIZ, the groups and the
 * nest, under 450 bytes (a link add with every IFLA_NVO_* attribute is
 * under 300). Names, lists and the domain are length-checked before they
 * are put, so no put can overrun.
 */
#define NVO_TX_SIZE	1024
/* The kernel sizes dump messages to the reader's buffer, up to 32 KiB. */
#define NVO_RX_SIZE	32768
#define NVO_ERRMSG_SIZE	512
#define NVO_DUMP_TRIES	5	/* libnvo.h promises 5, with 1..8 ms pauses */

#define __nvo_unused	__attribute__((unused))

/*
 * Masks of required attributes are 64 bits wide, so only attributes below
 * 64 can be required: a constant type beyond is a compile-time error (a
 * negative array size), not a silent shift out of range.
 */
#define NVO_ATTR_BIT(type) \
	(UINT64_C(1) << ((type) + 0 * sizeof(char[(type) < 64 ? 1 : -1])))

/*
 * An attribute space describes one level of attributes: the name a user
 * knows an attribute by (for error messages) and its type (for validating
 * replies). Nested attributes point to the space inside them.
 */
struct nvo_attr_space;
struct nvo_attr_desc {
	const char *name;
	enum mnl_attr_data_type type;	/* MNL_TYPE_UNSPEC: not checked */
	uint16_t len;		/* BINARY: exact, NUL_STRING: maximum */
	const struct nvo_attr_space *nest;
};
struct nvo_attr_space {
	unsigned int max;
	const struct nvo_attr_desc *attrs;
	/*
	 * Where attrs has no name for a type, base describes it: a command
	 * whose command line calls some attributes otherwise names just
	 * those (see nvo_req.space).
	 */
	const struct nvo_attr_space *base;
};
extern const struct nvo_attr_space nvo__genl_space;

struct nvo_sock {
	struct mnl_socket *nl;		/* NULL: closed, opened on next use */
	uint32_t portid;
	int bus;
};

struct nvo {
	struct nvo_sock genl, rtnl;
	uint64_t netns;			/* of nvo_open(), 0: unknown */
	uint16_t family;		/* 0 until resolved */
	uint32_t seq;
	/*
	 * The request last sent, kept so that the attribute an error ACK
	 * points at can be named: its header length and attribute space.
	 */
	_Alignas(struct nlmsghdr) char tx[NVO_TX_SIZE];
	size_t tx_hdrlen;
	const struct nvo_attr_space *tx_space;
	char *rx;			/* NVO_RX_SIZE */
	bool ack_msg;			/* the last ACK had the kernel's text */
	char errmsg[NVO_ERRMSG_SIZE];
	char warning[NVO_ERRMSG_SIZE];
};

/* What a genl request carries; unset members are not put. */
struct nvo_req {
	const char *dev;
	bool has_vni;
	int64_t vni;			/* checked to fit in 32 bits */
	const char *port;
	const uint8_t *mac;
	const struct nvo_addr *remote;
	const struct nvo_addr *ip;	/* a tenant address: NVO_A_IP4/IP6 */
	bool has_encap;
	uint8_t encap;			/* enum nvo_encap */
	uint32_t port_id;		/* 0: not put */
	bool has_max_fdb, has_max_learned;
	uint32_t max_fdb, max_learned;
	uint32_t flags;			/* enum nvo_flags */
	bool has_tenant;
	uint16_t tenant;
	bool has_neigh_unknown, has_neigh_learn, has_max_neigh;
	uint8_t neigh_unknown;		/* enum nvo_neigh_unknown */
	bool neigh_learn;
	uint32_t max_neigh;
	uint32_t neigh_flags;		/* 0: not put */
	bool has_sg;
	uint16_t sg;			/* NVO_A_SG_ID */
	const char *sg_name;		/* length-checked when put */
	bool has_sgs;
	const uint16_t *sgs;		/* NVO_A_SG_IDS, checked when put */
	unsigned int sg_count;
	bool has_security;
	bool security;
	bool has_rule_id;
	uint32_t rule_id;
	const struct nvo_rule *rule;	/* the rest of a rule, see rule.c */
	bool has_acl_prio;
	uint32_t acl_prio;
	const struct nvo_acl *acl;	/* the rest of an ACL entry, see acl.c */
	bool has_router;
	int64_t router;			/* checked to fit in 32 bits */
	const struct nvo_addr *dst;	/* a route's: NVO_A_IP4/IP6 and */
	uint8_t prefix;			/* NVO_A_PREFIX4/6 */
	const struct nvo_addr *via;	/* a route's next hop */
	const struct nvo_rif *rif;	/* its addresses, see rif.c */
	bool has_dhcp;
	const struct nvo_dhcp *dhcp;	/* NVO_A_DHCP, NULL: empty; dhcp.c */
	/* Names the errors give the attributes; NULL: nvo__genl_space's */
	const struct nvo_attr_space *space;
};

/* error.c */
void nvo__begin(struct nvo *h);
int nvo__errf(struct nvo *h, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void nvo__err_append(struct nvo *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int nvo__ack(struct nvo *h, int err, const char *what,
	     const void *tlvs, size_t len);

/* nl.c */
typedef int (*nvo_msg_fn)(struct nvo *h, const struct nlmsghdr *nlh,
			  void *arg);
int nvo__sock_open(struct nvo_sock *s, int bus);
void nvo__sock_close(struct nvo_sock *s);
uint64_t nvo__netns(void);
struct nlmsghdr *nvo__msg_start(struct nvo *h, uint16_t type, uint16_t flags,
				const void *hdr, size_t hdrlen,
				const struct nvo_attr_space *space);
int nvo__talk(struct nvo *h, struct nvo_sock *s, const char *what,
	      nvo_msg_fn fn, void *arg, bool *intr);

/* attr.c */
const struct nvo_attr_desc *nvo__attr_desc(const struct nvo_attr_space *space,
					   unsigned int type);
int nvo__attr_parse(const struct nvo_attr_space *space, const void *data,
		    size_t len, const struct nlattr **tb);
int nvo__attr_parse_nested(const struct nvo_attr_space *space,
			   const struct nlattr *nest, const struct nlattr **tb);
int nvo__put_ifname(struct nvo *h, struct nlmsghdr *nlh, uint16_t type,
		    const char *name);
int nvo__req_put(struct nvo *h, struct nlmsghdr *nlh, const struct nvo_req *r);

static inline uint8_t nvo_u8(const struct nlattr *a)
{
	return a ? mnl_attr_get_u8(a) : 0;
}

static inline uint16_t nvo_u16(const struct nlattr *a)
{
	return a ? mnl_attr_get_u16(a) : 0;
}

static inline uint32_t nvo_u32(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static inline uint64_t nvo_u64(const struct nlattr *a)
{
	return a ? mnl_attr_get_u64(a) : 0;
}

/* Validated replies hold NUL-terminated names shorter than IFNAMSIZ. */
void nvo__ifname_get(char dst[IFNAMSIZ], const struct nlattr *a);
/* Validated replies hold IPv6 addresses of the right size; none: :: */
void nvo__in6_get(struct in6_addr *dst, const struct nlattr *a);
int nvo__addr_get(struct nvo_addr *dst, const struct nlattr *a4,
		  const struct nlattr *a6);
int nvo__remote_get(struct nvo_addr *dst, const struct nlattr *const *tb);
int nvo__sgs_get(uint16_t ids[LIBNVO_PORT_SGS], unsigned int *count,
		 const struct nlattr *a);

/* genl.c */
int nvo__genl_talk(struct nvo *h, const char *what, uint8_t cmd,
		   uint16_t flags, const struct nvo_req *req,
		   nvo_msg_fn fn, void *arg, bool *intr);
int nvo__genl_do(struct nvo *h, const char *what, uint8_t cmd,
		 const struct nvo_req *req);

/* dump.c */
/*
 * Sends the request and reads the answer: fn for each message, *intr set
 * when a dump was flagged inconsistent. Called once per try.
 */
typedef int (*nvo_talk_fn)(struct nvo *h, const char *what, void *ctx,
			   nvo_msg_fn fn, void *arg, bool *intr);
int nvo__collect(struct nvo *h, const char *what, uint16_t type,
		 size_t hdrlen, nvo_talk_fn talk, void *ctx,
		 nvo_msg_fn each, void *arg);
typedef int (*nvo_reply_fn)(struct nvo *h, const struct nlattr *const *tb,
			    void *arg);
int nvo__genl_get(struct nvo *h, const char *what, uint8_t cmd,
		  const struct nvo_req *req, bool dump, uint64_t required,
		  nvo_reply_fn fn, void *arg);

/* acl.c */
int nvo__acl_put(struct nvo *h, struct nlmsghdr *nlh,
		 const struct nvo_acl *acl);

/* dhcp.c */
extern const struct nvo_attr_space nvo__dhcp_space;
int nvo__dhcp_put(struct nvo *h, struct nlmsghdr *nlh,
		  const struct nvo_dhcp *dhcp);
int nvo__dhcp_parse(const struct nlattr *nest, struct nvo_dhcp *dhcp);

/* rif.c */
int nvo__rif_put(struct nvo *h, struct nlmsghdr *nlh,
		 const struct nvo_rif *rif);

/* rule.c */
int nvo__rule_put(struct nvo *h, struct nlmsghdr *nlh,
		  const struct nvo_rule *rule);

/* stats.c */
int nvo__stats_parse(struct nvo *h, const struct nlattr *nest,
		      struct nvo_stats *st, uint64_t *learn_limit,
		      uint64_t *neigh_answered, uint64_t *neigh_flooded,
		      uint64_t *dhcp_answered);

#endif /* LIBNVO_INTERNAL_H */
