// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nvo generic netlink attributes: their names and types, the one place
 * requests are filled in, and validation of what the kernel sends back.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/if_ether.h>

#include "internal.h"

/* Names as nvctl's user knows them: the keyword of the command line. */
static const struct nvo_attr_desc genl_attrs[NVO_A_MAX + 1] = {
	[NVO_A_IFINDEX]		= { "device", MNL_TYPE_U32 },
	[NVO_A_IFNAME]		= { "device", MNL_TYPE_NUL_STRING, IFNAMSIZ },
	[NVO_A_VNI]		= { "vni", MNL_TYPE_U32 },
	[NVO_A_PORT_IFINDEX]	= { "port", MNL_TYPE_U32 },
	[NVO_A_PORT_IFNAME]	= { "port", MNL_TYPE_NUL_STRING, IFNAMSIZ },
	[NVO_A_MAC]		= { "mac", MNL_TYPE_BINARY, ETH_ALEN },
	[NVO_A_REMOTE_IP4]	= { "remote", MNL_TYPE_U32 },
	[NVO_A_FLAGS]		= { "flags", MNL_TYPE_U32 },
	[NVO_A_FDB_FLAGS]	= { "fdb flags", MNL_TYPE_U32 },
	[NVO_A_AGE]		= { "age", MNL_TYPE_U32 },
	[NVO_A_LOCAL_IP4]	= { "local", MNL_TYPE_U32 },
	[NVO_A_DSTPORT]		= { "dstport", MNL_TYPE_U16 },
	[NVO_A_LEARNING]	= { "learning", MNL_TYPE_U8 },
	[NVO_A_AGEING]		= { "ageing", MNL_TYPE_U32 },
	[NVO_A_RUNNING]		= { "running", MNL_TYPE_U8 },
	[NVO_A_VNI_COUNT]	= { "vni count", MNL_TYPE_U32 },
	[NVO_A_PORT_COUNT]	= { "port count", MNL_TYPE_U32 },
	[NVO_A_FDB_COUNT]	= { "fdb count", MNL_TYPE_U32 },
	[NVO_A_FLOOD_COUNT]	= { "flood count", MNL_TYPE_U32 },
	[NVO_A_STATS]		= { "stats", MNL_TYPE_NESTED },
	[NVO_A_REMOTE_IP6]	= { "remote", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_LOCAL_IP6]	= { "local6", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_ENCAP]		= { "encap", MNL_TYPE_U8 },
	[NVO_A_GENEVE_PORT]	= { "geneve-port", MNL_TYPE_U16 },
	[NVO_A_PORT_ID]		= { "id", MNL_TYPE_U32 },
	[NVO_A_OVERHEAD]	= { "overhead", MNL_TYPE_U32 },
	[NVO_A_MTU]		= { "mtu", MNL_TYPE_U32 },
	[NVO_A_MAX_VNIS]	= { "max-vnis", MNL_TYPE_U32 },
	[NVO_A_MAX_FDB]		= { "max-fdb", MNL_TYPE_U32 },
	[NVO_A_MAX_LEARNED]	= { "max-learned", MNL_TYPE_U32 },
	[NVO_A_LEARNED_COUNT]	= { "learned count", MNL_TYPE_U32 },
	[NVO_A_TENANT]		= { "tenant", MNL_TYPE_U16 },
	[NVO_A_SG_ID]		= { "sg", MNL_TYPE_U16 },
	[NVO_A_SG_NAME]		= { "name", MNL_TYPE_NUL_STRING,
				    NVO_SG_NAME_LEN },
	/* Its length is checked by port.c. */
	[NVO_A_SG_IDS]		= { "sg", MNL_TYPE_BINARY },
	[NVO_A_PORT_SECURITY]	= { "port-security", MNL_TYPE_U8 },
	[NVO_A_RULE_ID]		= { "rule id", MNL_TYPE_U32 },
	[NVO_A_RULE_DIR]	= { "direction", MNL_TYPE_U8 },
	[NVO_A_RULE_ETHERTYPE]	= { "ethertype", MNL_TYPE_U16 },
	[NVO_A_RULE_PROTO]	= { "protocol", MNL_TYPE_U8 },
	[NVO_A_RULE_PORT_MIN]	= { "port", MNL_TYPE_U16 },
	[NVO_A_RULE_PORT_MAX]	= { "port", MNL_TYPE_U16 },
	[NVO_A_RULE_ICMP_TYPE]	= { "icmp-type", MNL_TYPE_U8 },
	[NVO_A_RULE_ICMP_CODE]	= { "icmp-code", MNL_TYPE_U8 },
	[NVO_A_RULE_REMOTE_IP4]	= { "remote", MNL_TYPE_U32 },
	[NVO_A_RULE_REMOTE_IP6]	= { "remote", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_RULE_REMOTE_PREFIX] = { "prefix", MNL_TYPE_U8 },
	[NVO_A_RULE_REMOTE_SG]	= { "remote-group", MNL_TYPE_U16 },
	[NVO_A_RULE_COUNT]	= { "rules", MNL_TYPE_U32 },
	[NVO_A_MAX_CONNS]	= { "max-conns", MNL_TYPE_U32 },
	[NVO_A_CONN_COUNT]	= { "conns", MNL_TYPE_U32 },
	[NVO_A_ACL_PRIO]	= { "prio", MNL_TYPE_U32 },
	[NVO_A_ACL_ACTION]	= { "action", MNL_TYPE_U8 },
	[NVO_A_ACL_SRC_IP4]	= { "src", MNL_TYPE_U32 },
	[NVO_A_ACL_SRC_IP6]	= { "src", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_ACL_SRC_PREFIX]	= { "src", MNL_TYPE_U8 },
	[NVO_A_ACL_DST_IP4]	= { "dst", MNL_TYPE_U32 },
	[NVO_A_ACL_DST_IP6]	= { "dst", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_ACL_DST_PREFIX]	= { "dst", MNL_TYPE_U8 },
	[NVO_A_ACL_HITS]	= { "hits", MNL_TYPE_U64 },
	[NVO_A_RULE_HITS]	= { "hits", MNL_TYPE_U64 },
	[NVO_A_IP4]		= { "ip", MNL_TYPE_U32 },
	[NVO_A_IP6]		= { "ip", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_NEIGH_FLAGS]	= { "neigh flags", MNL_TYPE_U32 },
	[NVO_A_NEIGH_UNKNOWN]	= { "neigh-unknown", MNL_TYPE_U8 },
	[NVO_A_NEIGH_LEARN]	= { "neigh-learn", MNL_TYPE_U8 },
	[NVO_A_MAX_NEIGH]	= { "max-neigh", MNL_TYPE_U32 },
	[NVO_A_NEIGH_COUNT]	= { "neigh count", MNL_TYPE_U32 },
	/*
	 * "router" is the router's id wherever it is, "id" of "router add"
	 * included; rif.c and route.c name NVO_A_IP4/IP6 and the prefixes
	 * as their commands do.
	 */
	[NVO_A_ROUTER_ID]	= { "router", MNL_TYPE_U32 },
	[NVO_A_PREFIX4]		= { "prefix", MNL_TYPE_U8 },
	[NVO_A_PREFIX6]		= { "prefix", MNL_TYPE_U8 },
	[NVO_A_VIA4]		= { "via", MNL_TYPE_U32 },
	[NVO_A_VIA6]		= { "via", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_RIF_COUNT]	= { "interfaces", MNL_TYPE_U32 },
	[NVO_A_ROUTE_COUNT]	= { "routes", MNL_TYPE_U32 },
	/* Errors inside the nest name "addr", "gw", "mtu"...: dhcp.c. */
	[NVO_A_DHCP]		= { "dhcp", MNL_TYPE_NESTED, 0,
				    &nvo__dhcp_space },
	/* The padding of u64 attributes: never looked at. */
	[NVO_A_PAD]		= { NULL, MNL_TYPE_UNSPEC },
};

const struct nvo_attr_space nvo__genl_space = {
	.max = NVO_A_MAX, .attrs = genl_attrs,
};

const struct nvo_attr_desc *nvo__attr_desc(const struct nvo_attr_space *space,
					   unsigned int type)
{
	type &= NLA_TYPE_MASK;
	for (; space; space = space->base)
		if (type <= space->max &&
		    (space->attrs[type].name || !space->base))
			return &space->attrs[type];
	return NULL;
}

static bool attr_valid(const struct nvo_attr_desc *d, const struct nlattr *a)
{
	uint16_t len = mnl_attr_get_payload_len(a);
	const char *s = mnl_attr_get_payload(a);

	switch (d->type) {
	case MNL_TYPE_U8:
		return len == sizeof(uint8_t);
	case MNL_TYPE_U16:
		return len == sizeof(uint16_t);
	case MNL_TYPE_U32:
		return len == sizeof(uint32_t);
	case MNL_TYPE_U64:
		return len == sizeof(uint64_t);
	case MNL_TYPE_NUL_STRING:
		return len && !s[len - 1] && (!d->len || len <= d->len);
	case MNL_TYPE_BINARY:
		return !d->len || len == d->len;
	case MNL_TYPE_NESTED:
		return !len || len >= MNL_ATTR_HDRLEN;
	default:
		return true;
	}
}

/*
 * Fills tb, indexed by type, with the attributes of data that space knows
 * and that are well-formed. Types beyond space->max are skipped: a newer
 * kernel may send more. Returns -EPROTO if one was malformed (it is left
 * out of tb).
 */
int nvo__attr_parse(const struct nvo_attr_space *space, const void *data,
		    size_t len, const struct nlattr **tb)
{
	const struct nlattr *attr;
	int err = 0;

	mnl_attr_for_each_payload(data, len) {
		const struct nvo_attr_desc *d;

		d = nvo__attr_desc(space, mnl_attr_get_type(attr));
		if (!d)
			continue;
		if (attr_valid(d, attr))
			tb[mnl_attr_get_type(attr)] = attr;
		else
			err = -EPROTO;
	}
	return err;
}

int nvo__attr_parse_nested(const struct nvo_attr_space *space,
			   const struct nlattr *nest, const struct nlattr **tb)
{
	return nvo__attr_parse(space, mnl_attr_get_payload(nest),
			       mnl_attr_get_payload_len(nest), tb);
}

void nvo__ifname_get(char dst[IFNAMSIZ], const struct nlattr *a)
{
	dst[0] = '\0';
	if (a)
		strncat(dst, mnl_attr_get_str(a), IFNAMSIZ - 1);
}

void nvo__in6_get(struct in6_addr *dst, const struct nlattr *a)
{
	if (a)
		memcpy(dst, mnl_attr_get_payload(a), sizeof(*dst));
	else
		*dst = in6addr_any;
}

/*
 * The address of a reply given as an IPv4 (a4) or IPv6 (a6) attribute into
 * dst, left alone if there is none. Returns how many of the two the reply
 * has: 1 unless it is broken or has none.
 */
int nvo__addr_get(struct nvo_addr *dst, const struct nlattr *a4,
		  const struct nlattr *a6)
{
	if (a4) {
		dst->family = AF_INET;
		memcpy(&dst->v4, mnl_attr_get_payload(a4), sizeof(dst->v4));
	} else if (a6) {
		dst->family = AF_INET6;
		nvo__in6_get(&dst->v6, a6);
	}
	return !!a4 + !!a6;
}

/* The remote VTEP of a reply: 0 when it has a port instead. */
int nvo__remote_get(struct nvo_addr *dst, const struct nlattr *const *tb)
{
	return nvo__addr_get(dst, tb[NVO_A_REMOTE_IP4], tb[NVO_A_REMOTE_IP6]);
}

/*
 * NVO_A_SG_IDS of a reply (none: 0 groups) into ids and *count; -1 when its
 * length is no whole number of ids or more than LIBNVO_PORT_SGS.
 */
int nvo__sgs_get(uint16_t ids[LIBNVO_PORT_SGS], unsigned int *count,
		 const struct nlattr *a)
{
	size_t len = a ? mnl_attr_get_payload_len(a) : 0;

	if (len % sizeof(uint16_t) || len / sizeof(uint16_t) > LIBNVO_PORT_SGS)
		return -1;
	*count = len / sizeof(uint16_t);
	if (len)
		memcpy(ids, mnl_attr_get_payload(a), len);
	return 0;
}

/* Names are checked here, so that no request can outgrow h->tx. */
int nvo__put_ifname(struct nvo *h, struct nlmsghdr *nlh, uint16_t type,
		    const char *name)
{
	const struct nvo_attr_desc *d = nvo__attr_desc(h->tx_space, type);
	const char *what = d && d->name ? d->name : "interface";
	size_t len;

	if (!name)
		return nvo__errf(h, -EINVAL, "no %s given", what);
	len = strnlen(name, IFNAMSIZ);
	if (!len || len == IFNAMSIZ)
		return nvo__errf(h, -EINVAL, "invalid %s name \"%.*s\"",
				 what, IFNAMSIZ * 2, name);
	mnl_attr_put_strz(nlh, type, name);
	return 0;
}

/* As the attribute ip4 or ip6 of its family; what: for the error */
static int put_addr(struct nvo *h, struct nlmsghdr *nlh,
		    const struct nvo_addr *a, uint16_t ip4, uint16_t ip6,
		    const char *what)
{
	switch (a->family) {
	case AF_INET:
		mnl_attr_put(nlh, ip4, sizeof(a->v4), &a->v4);
		return 0;
	case AF_INET6:
		mnl_attr_put(nlh, ip6, sizeof(a->v6), &a->v6);
		return 0;
	default:
		return nvo__errf(h, -EAFNOSUPPORT,
				 "%s address family %d is neither AF_INET nor AF_INET6",
				 what, a->family);
	}
}

/* Like names of interfaces, checked so that no request can outgrow h->tx. */
static int put_sg_name(struct nvo *h, struct nlmsghdr *nlh, const char *name)
{
	if (strnlen(name, NVO_SG_NAME_LEN) == NVO_SG_NAME_LEN)
		return nvo__errf(h, -EINVAL,
				 "invalid security group name \"%.*s...\": longer than %d bytes",
				 NVO_SG_NAME_LEN - 1, name,
				 NVO_SG_NAME_LEN - 1);
	mnl_attr_put_strz(nlh, NVO_A_SG_NAME, name);
	return 0;
}

static int put_sgs(struct nvo *h, struct nlmsghdr *nlh, const uint16_t *sgs,
		   unsigned int count)
{
	if (count > NVO_PORT_SG_MAX)
		return nvo__errf(h, -EINVAL,
				 "%u security groups, at most %d may be given",
				 count, NVO_PORT_SG_MAX);
	if (count && !sgs)
		return nvo__errf(h, -EINVAL,
				 "%u security groups, but no array of their ids",
				 count);
	/* No groups: an empty attribute, not a missing one. */
	mnl_attr_put(nlh, NVO_A_SG_IDS, count * sizeof(*sgs),
		     count ? (const void *)sgs : "");
	return 0;
}

int nvo__req_put(struct nvo *h, struct nlmsghdr *nlh, const struct nvo_req *r)
{
	int err;

	err = nvo__put_ifname(h, nlh, NVO_A_IFNAME, r->dev);
	if (err)
		return err;
	/* Only a dump's filter is wider than the attribute. */
	if (r->has_vni && r->vni > UINT32_MAX)
		return nvo__errf(h, -EINVAL, "VNI filter %" PRId64 " does not fit in 32 bits",
				 r->vni);
	if (r->has_vni)
		mnl_attr_put_u32(nlh, NVO_A_VNI, r->vni);
	if (r->has_router && r->router > UINT32_MAX)
		return nvo__errf(h, -EINVAL, "router filter %" PRId64 " does not fit in 32 bits",
				 r->router);
	if (r->has_router)
		mnl_attr_put_u32(nlh, NVO_A_ROUTER_ID, r->router);
	if (r->port) {
		err = nvo__put_ifname(h, nlh, NVO_A_PORT_IFNAME, r->port);
		if (err)
			return err;
	}
	if (r->mac)
		mnl_attr_put(nlh, NVO_A_MAC, ETH_ALEN, r->mac);
	if (r->remote) {
		err = put_addr(h, nlh, r->remote, NVO_A_REMOTE_IP4,
			       NVO_A_REMOTE_IP6, "remote");
		if (err)
			return err;
	}
	if (r->ip) {
		err = put_addr(h, nlh, r->ip, NVO_A_IP4, NVO_A_IP6,
			       "neighbour");
		if (err)
			return err;
	}
	if (r->has_encap)
		mnl_attr_put_u8(nlh, NVO_A_ENCAP, r->encap);
	if (r->port_id)
		mnl_attr_put_u32(nlh, NVO_A_PORT_ID, r->port_id);
	if (r->has_max_fdb)
		mnl_attr_put_u32(nlh, NVO_A_MAX_FDB, r->max_fdb);
	if (r->has_max_learned)
		mnl_attr_put_u32(nlh, NVO_A_MAX_LEARNED, r->max_learned);
	if (r->flags)
		mnl_attr_put_u32(nlh, NVO_A_FLAGS, r->flags);
	if (r->neigh_flags)
		mnl_attr_put_u32(nlh, NVO_A_NEIGH_FLAGS, r->neigh_flags);
	if (r->has_tenant)
		mnl_attr_put_u16(nlh, NVO_A_TENANT, r->tenant);
	if (r->has_neigh_unknown)
		mnl_attr_put_u8(nlh, NVO_A_NEIGH_UNKNOWN, r->neigh_unknown);
	if (r->has_neigh_learn)
		mnl_attr_put_u8(nlh, NVO_A_NEIGH_LEARN, r->neigh_learn);
	if (r->has_max_neigh)
		mnl_attr_put_u32(nlh, NVO_A_MAX_NEIGH, r->max_neigh);
	if (r->has_sg)
		mnl_attr_put_u16(nlh, NVO_A_SG_ID, r->sg);
	if (r->sg_name) {
		err = put_sg_name(h, nlh, r->sg_name);
		if (err)
			return err;
	}
	if (r->has_sgs) {
		err = put_sgs(h, nlh, r->sgs, r->sg_count);
		if (err)
			return err;
	}
	if (r->has_security)
		mnl_attr_put_u8(nlh, NVO_A_PORT_SECURITY, r->security);
	if (r->has_rule_id)
		mnl_attr_put_u32(nlh, NVO_A_RULE_ID, r->rule_id);
	if (r->has_acl_prio)
		mnl_attr_put_u32(nlh, NVO_A_ACL_PRIO, r->acl_prio);
	if (r->acl) {
		err = nvo__acl_put(h, nlh, r->acl);
		if (err)
			return err;
	}
	if (r->dst) {
		err = put_addr(h, nlh, r->dst, NVO_A_IP4, NVO_A_IP6,
			       "destination");
		if (err)
			return err;
		mnl_attr_put_u8(nlh, r->dst->family == AF_INET ?
				NVO_A_PREFIX4 : NVO_A_PREFIX6, r->prefix);
	}
	if (r->via) {
		err = put_addr(h, nlh, r->via, NVO_A_VIA4, NVO_A_VIA6,
			       "next hop");
		if (err)
			return err;
	}
	if (r->rif) {
		err = nvo__rif_put(h, nlh, r->rif);
		if (err)
			return err;
	}
	if (r->has_dhcp) {
		err = nvo__dhcp_put(h, nlh, r->dhcp);
		if (err)
			return err;
	}
	if (r->rule)
		return nvo__rule_put(h, nlh, r->rule);
	return 0;
}
