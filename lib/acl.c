// SPDX-License-Identifier: LGPL-2.1-or-later
/* The ACLs of VNIs: stateless, ordered, before the security groups. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

#define ACL_FIELDS	(NVO_ACL_HAS_PROTO | NVO_ACL_HAS_PORTS | \
			 NVO_ACL_HAS_SRC | NVO_ACL_HAS_DST)

static bool acl_family_ok(int family)
{
	return family == AF_INET || family == AF_INET6;
}

/* An address and its prefix length, as the attributes of one end. */
static void put_prefix(struct nlmsghdr *nlh, const struct nvo_addr *a,
		       uint8_t prefix, uint16_t ip4, uint16_t ip6,
		       uint16_t len)
{
	if (a->family == AF_INET)
		mnl_attr_put(nlh, ip4, sizeof(a->v4), &a->v4);
	else
		mnl_attr_put(nlh, ip6, sizeof(a->v6), &a->v6);
	mnl_attr_put_u8(nlh, len, prefix);
}

/*
 * The attributes of an entry but its VNI, which nvo__req_put() puts.
 * Only fields whose bit is set are read, as for struct nvo_link_cfg; dir
 * and ethertype 0 are both directions and families: not put.
 */
int nvo__acl_put(struct nvo *h, struct nlmsghdr *nlh,
		 const struct nvo_acl *acl)
{
	if (acl->set & ~ACL_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "ACL entry setting 0x%x is unknown to libnvo %s",
				 acl->set & ~ACL_FIELDS, nvo_version());
	if (acl->set & NVO_ACL_HAS_SRC && !acl_family_ok(acl->src.family))
		return nvo__errf(h, -EAFNOSUPPORT,
				 "source address family %d is neither AF_INET nor AF_INET6",
				 acl->src.family);
	if (acl->set & NVO_ACL_HAS_DST && !acl_family_ok(acl->dst.family))
		return nvo__errf(h, -EAFNOSUPPORT,
				 "destination address family %d is neither AF_INET nor AF_INET6",
				 acl->dst.family);
	mnl_attr_put_u32(nlh, NVO_A_ACL_PRIO, acl->prio);
	mnl_attr_put_u8(nlh, NVO_A_ACL_ACTION, acl->action);
	if (acl->dir)
		mnl_attr_put_u8(nlh, NVO_A_RULE_DIR, acl->dir);
	if (acl->ethertype)
		mnl_attr_put_u16(nlh, NVO_A_RULE_ETHERTYPE, acl->ethertype);
	if (acl->set & NVO_ACL_HAS_PROTO)
		mnl_attr_put_u8(nlh, NVO_A_RULE_PROTO, acl->proto);
	if (acl->set & NVO_ACL_HAS_PORTS) {
		mnl_attr_put_u16(nlh, NVO_A_RULE_PORT_MIN, acl->port_min);
		mnl_attr_put_u16(nlh, NVO_A_RULE_PORT_MAX, acl->port_max);
	}
	if (acl->set & NVO_ACL_HAS_SRC)
		put_prefix(nlh, &acl->src, acl->src_prefix, NVO_A_ACL_SRC_IP4,
			   NVO_A_ACL_SRC_IP6, NVO_A_ACL_SRC_PREFIX);
	if (acl->set & NVO_ACL_HAS_DST)
		put_prefix(nlh, &acl->dst, acl->dst_prefix, NVO_A_ACL_DST_IP4,
			   NVO_A_ACL_DST_IP6, NVO_A_ACL_DST_PREFIX);
	return 0;
}

struct acl_walk {
	nvo_acl_cb cb;
	void *arg;
};

/*
 * One end of an entry from a reply: 0 if it has none, 1 if it has one,
 * into a and prefix; an address without a prefix is a host.
 */
static int get_prefix(const struct nlattr *const *tb, uint16_t ip4,
		      uint16_t ip6, uint16_t len, struct nvo_addr *a,
		      uint8_t *prefix)
{
	if (tb[ip4] && tb[ip6])
		return -EPROTO;
	if (tb[ip4]) {
		a->family = AF_INET;
		memcpy(&a->v4, mnl_attr_get_payload(tb[ip4]), sizeof(a->v4));
		*prefix = 32;
	} else if (tb[ip6]) {
		a->family = AF_INET6;
		nvo__in6_get(&a->v6, tb[ip6]);
		*prefix = 128;
	} else {
		return 0;
	}
	if (tb[len])
		*prefix = nvo_u8(tb[len]);
	return 1;
}

/* A port alone is a range of one, as for rules. */
static int acl_reply(struct nvo *h, const struct nlattr *const *tb,
		     void *arg)
{
	const struct nlattr *min = tb[NVO_A_RULE_PORT_MIN];
	const struct nlattr *max = tb[NVO_A_RULE_PORT_MAX];
	const struct acl_walk *w = arg;
	struct nvo_acl_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.hits		= nvo_u64(tb[NVO_A_ACL_HITS]),
	};
	struct nvo_acl *acl = &info.acl;
	int src, dst;

	src = get_prefix(tb, NVO_A_ACL_SRC_IP4, NVO_A_ACL_SRC_IP6,
			 NVO_A_ACL_SRC_PREFIX, &acl->src, &acl->src_prefix);
	dst = get_prefix(tb, NVO_A_ACL_DST_IP4, NVO_A_ACL_DST_IP6,
			 NVO_A_ACL_DST_PREFIX, &acl->dst, &acl->dst_prefix);
	if (src < 0 || dst < 0)
		return nvo__errf(h, -EPROTO, "ACL entry with two %s addresses in reply",
				 src < 0 ? "source" : "destination");
	if (src)
		acl->set |= NVO_ACL_HAS_SRC;
	if (dst)
		acl->set |= NVO_ACL_HAS_DST;
	acl->vni = nvo_u32(tb[NVO_A_VNI]);
	acl->prio = nvo_u32(tb[NVO_A_ACL_PRIO]);
	acl->action = nvo_u8(tb[NVO_A_ACL_ACTION]);
	acl->dir = nvo_u8(tb[NVO_A_RULE_DIR]);
	acl->ethertype = nvo_u16(tb[NVO_A_RULE_ETHERTYPE]);
	if (tb[NVO_A_RULE_PROTO]) {
		acl->set |= NVO_ACL_HAS_PROTO;
		acl->proto = nvo_u8(tb[NVO_A_RULE_PROTO]);
	}
	if (min || max) {
		acl->set |= NVO_ACL_HAS_PORTS;
		acl->port_min = nvo_u16(min ? min : max);
		acl->port_max = nvo_u16(max ? max : min);
	}
	return w->cb(&info, w->arg);
}

int nvo_acl_add(struct nvo *h, const char *dev, const struct nvo_acl *acl)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = acl->vni, .acl = acl,
	};

	return nvo__genl_do(h, "cannot add ACL entry", NVO_CMD_ACL_NEW, &req);
}

int nvo_acl_del(struct nvo *h, const char *dev, uint32_t vni, uint32_t prio)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni,
		.has_acl_prio = true, .acl_prio = prio,
	};

	return nvo__genl_do(h, "cannot delete ACL entry", NVO_CMD_ACL_DEL,
			    &req);
}

int nvo_acl_dump(struct nvo *h, const char *dev, int64_t vni,
		 nvo_acl_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct acl_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list ACL entries", NVO_CMD_ACL_GET,
			     &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI) |
			     NVO_ATTR_BIT(NVO_A_ACL_PRIO) |
			     NVO_ATTR_BIT(NVO_A_ACL_ACTION),
			     acl_reply, &w);
}
