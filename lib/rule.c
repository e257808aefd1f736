// SPDX-License-Identifier: LGPL-2.1-or-later
/* The rules of security groups: what traffic they allow. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

#define RULE_FIELDS	(NVO_RULE_HAS_ID | NVO_RULE_HAS_PROTO | \
			 NVO_RULE_HAS_PORTS | NVO_RULE_HAS_ICMP_TYPE | \
			 NVO_RULE_HAS_ICMP_CODE | NVO_RULE_HAS_REMOTE | \
			 NVO_RULE_HAS_REMOTE_SG)

/*
 * The attributes of a rule but its group's id, which nvo__req_put() puts.
 * Only fields whose bit is set are read, as for struct nvo_link_cfg.
 */
int nvo__rule_put(struct nvo *h, struct nlmsghdr *nlh,
		  const struct nvo_rule *r)
{
	const struct nvo_addr *a = &r->remote;

	if (r->set & ~RULE_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "rule setting 0x%x is unknown to libnvo %s",
				 r->set & ~RULE_FIELDS, nvo_version());
	if (r->set & NVO_RULE_HAS_REMOTE && a->family != AF_INET &&
	    a->family != AF_INET6)
		return nvo__errf(h, -EAFNOSUPPORT,
				 "remote address family %d is neither AF_INET nor AF_INET6",
				 a->family);
	if (r->set & NVO_RULE_HAS_ID)
		mnl_attr_put_u32(nlh, NVO_A_RULE_ID, r->id);
	mnl_attr_put_u8(nlh, NVO_A_RULE_DIR, r->dir);
	mnl_attr_put_u16(nlh, NVO_A_RULE_ETHERTYPE, r->ethertype);
	if (r->set & NVO_RULE_HAS_PROTO)
		mnl_attr_put_u8(nlh, NVO_A_RULE_PROTO, r->proto);
	if (r->set & NVO_RULE_HAS_PORTS) {
		mnl_attr_put_u16(nlh, NVO_A_RULE_PORT_MIN, r->port_min);
		mnl_attr_put_u16(nlh, NVO_A_RULE_PORT_MAX, r->port_max);
	}
	if (r->set & NVO_RULE_HAS_ICMP_TYPE)
		mnl_attr_put_u8(nlh, NVO_A_RULE_ICMP_TYPE, r->icmp_type);
	if (r->set & NVO_RULE_HAS_ICMP_CODE)
		mnl_attr_put_u8(nlh, NVO_A_RULE_ICMP_CODE, r->icmp_code);
	if (r->set & NVO_RULE_HAS_REMOTE) {
		if (a->family == AF_INET)
			mnl_attr_put(nlh, NVO_A_RULE_REMOTE_IP4,
				     sizeof(a->v4), &a->v4);
		else
			mnl_attr_put(nlh, NVO_A_RULE_REMOTE_IP6,
				     sizeof(a->v6), &a->v6);
		mnl_attr_put_u8(nlh, NVO_A_RULE_REMOTE_PREFIX, r->prefix);
	}
	if (r->set & NVO_RULE_HAS_REMOTE_SG)
		mnl_attr_put_u16(nlh, NVO_A_RULE_REMOTE_SG, r->remote_sg);
	return 0;
}

struct rule_walk {
	nvo_rule_cb cb;
	void *arg;
};

/* A port alone is a range of one; an address without a prefix, a host. */
static int rule_reply(struct nvo *h, const struct nlattr *const *tb,
		      void *arg)
{
	const struct nlattr *min = tb[NVO_A_RULE_PORT_MIN];
	const struct nlattr *max = tb[NVO_A_RULE_PORT_MAX];
	const struct nlattr *a4 = tb[NVO_A_RULE_REMOTE_IP4];
	const struct nlattr *a6 = tb[NVO_A_RULE_REMOTE_IP6];
	const struct rule_walk *w = arg;
	struct nvo_rule_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.hits		= nvo_u64(tb[NVO_A_RULE_HITS]),
	};
	struct nvo_rule *r = &info.rule;

	if (a4 && a6)
		return nvo__errf(h, -EPROTO, "rule with two remote addresses in reply");
	r->set = NVO_RULE_HAS_ID;
	r->sg = nvo_u16(tb[NVO_A_SG_ID]);
	r->id = nvo_u32(tb[NVO_A_RULE_ID]);
	r->dir = nvo_u8(tb[NVO_A_RULE_DIR]);
	r->ethertype = nvo_u16(tb[NVO_A_RULE_ETHERTYPE]);
	if (tb[NVO_A_RULE_PROTO]) {
		r->set |= NVO_RULE_HAS_PROTO;
		r->proto = nvo_u8(tb[NVO_A_RULE_PROTO]);
	}
	if (min || max) {
		r->set |= NVO_RULE_HAS_PORTS;
		r->port_min = nvo_u16(min ? min : max);
		r->port_max = nvo_u16(max ? max : min);
	}
	if (tb[NVO_A_RULE_ICMP_TYPE]) {
		r->set |= NVO_RULE_HAS_ICMP_TYPE;
		r->icmp_type = nvo_u8(tb[NVO_A_RULE_ICMP_TYPE]);
	}
	if (tb[NVO_A_RULE_ICMP_CODE]) {
		r->set |= NVO_RULE_HAS_ICMP_CODE;
		r->icmp_code = nvo_u8(tb[NVO_A_RULE_ICMP_CODE]);
	}
	if (a4) {
		r->set |= NVO_RULE_HAS_REMOTE;
		r->remote.family = AF_INET;
		memcpy(&r->remote.v4, mnl_attr_get_payload(a4),
		       sizeof(r->remote.v4));
		r->prefix = 32;
	} else if (a6) {
		r->set |= NVO_RULE_HAS_REMOTE;
		r->remote.family = AF_INET6;
		nvo__in6_get(&r->remote.v6, a6);
		r->prefix = 128;
	}
	if (tb[NVO_A_RULE_REMOTE_PREFIX] && (a4 || a6))
		r->prefix = nvo_u8(tb[NVO_A_RULE_REMOTE_PREFIX]);
	if (tb[NVO_A_RULE_REMOTE_SG]) {
		r->set |= NVO_RULE_HAS_REMOTE_SG;
		r->remote_sg = nvo_u16(tb[NVO_A_RULE_REMOTE_SG]);
	}
	return w->cb(&info, w->arg);
}

int nvo_rule_add(struct nvo *h, const char *dev, const struct nvo_rule *rule)
{
	const struct nvo_req req = {
		.dev = dev, .has_sg = true, .sg = rule->sg, .rule = rule,
	};

	return nvo__genl_do(h, "cannot add rule", NVO_CMD_RULE_NEW, &req);
}

int nvo_rule_del(struct nvo *h, const char *dev, uint16_t sg, uint32_t id)
{
	const struct nvo_req req = {
		.dev = dev, .has_sg = true, .sg = sg,
		.has_rule_id = true, .rule_id = id,
	};

	return nvo__genl_do(h, "cannot delete rule", NVO_CMD_RULE_DEL, &req);
}

int nvo_rule_dump(struct nvo *h, const char *dev, int32_t sg,
		  nvo_rule_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_sg = sg >= 0, .sg = sg,
	};
	struct rule_walk w = { cb, arg };

	if (sg > UINT16_MAX) {
		nvo__begin(h);
		return nvo__errf(h, -EINVAL,
				 "security group filter %" PRId32 " does not fit in 16 bits",
				 sg);
	}
	return nvo__genl_get(h, "cannot list rules", NVO_CMD_RULE_GET, &req,
			     true,
			     NVO_ATTR_BIT(NVO_A_SG_ID) |
			     NVO_ATTR_BIT(NVO_A_RULE_ID) |
			     NVO_ATTR_BIT(NVO_A_RULE_DIR) |
			     NVO_ATTR_BIT(NVO_A_RULE_ETHERTYPE),
			     rule_reply, &w);
}
