// SPDX-License-Identifier: GPL-2.0
/*
 * Per-VNI ACLs: the operator's stateless guard rails, held against every
 * IP frame a port of the VNI sends or is sent, before the security groups
 * and whatever the port's port security. The first entry that matches,
 * lowest priority first, decides.
 *
 * A VNI's entries are an array sorted by priority that a change replaces
 * whole (RCU); entries are shared between the old and the new array, so
 * that their hit counters survive.
 */

#include <linux/if_vlan.h>
#include <net/ip.h>

#include "nvo.h"
#include "netlink.h"

#define NVO_ACL_VLAN_DEPTH	4

struct nvo_acl {
	u32 prio;
	u8 action;			/* enum nvo_acl_action */
	u8 dir;				/* enum nvo_rule_dir, 0: both */
	u16 ethertype;			/* 0: IPv4 and IPv6 */
	u8 proto;			/* 0: any */
	bool has_ports;
	u16 port_min, port_max;
	struct nvo_addr src, dst;	/* family 0: any */
	u8 src_prefix, dst_prefix;
	atomic64_t hits;
	struct rcu_head rcu;
};

struct nvo_acl_list {
	struct rcu_head rcu;
	unsigned int n;
	struct nvo_acl *e[];
};

/* What an entry looks at in a frame. */
struct nvo_acl_pkt {
	u16 ethertype;
	u8 proto;
	bool has_port;
	u16 dport;
	union nf_inet_addr src, dst;
};

static bool nvo_acl_match(const struct nvo_acl *e, u8 dir,
			  const struct nvo_acl_pkt *p)
{
	if ((e->dir && e->dir != dir) ||
	    (e->ethertype && e->ethertype != p->ethertype) ||
	    (e->proto && e->proto != p->proto))
		return false;
	if (e->has_ports &&
	    (!p->has_port || p->dport < e->port_min || p->dport > e->port_max))
		return false;
	return nvo_cidr_match(&e->src, e->src_prefix, &p->src) &&
	       nvo_cidr_match(&e->dst, e->dst_prefix, &p->dst);
}

static bool nvo_acl_l4_port(struct sk_buff *skb, int off, u8 proto, u16 *port)
{
	__be16 _p, *p;

	if (!nvo_proto_has_ports(proto))
		return false;
	p = skb_header_pointer(skb, off + 2, sizeof(_p), &_p);
	if (!p)
		return false;
	*port = ntohs(*p);
	return true;
}

/* The IP header behind the Ethernet header and VLAN tags, if any. False:
 * not IP, or too short to say.
 */
static bool nvo_acl_parse(struct sk_buff *skb, struct nvo_acl_pkt *p)
{
	__be16 type = eth_hdr(skb)->h_proto;
	int off = ETH_HLEN, depth;

	for (depth = 0; eth_type_vlan(type); depth++) {
		struct vlan_hdr _vh, *vh;

		vh = skb_header_pointer(skb, off, sizeof(_vh), &_vh);
		if (!vh || depth == NVO_ACL_VLAN_DEPTH)
			return false;
		type = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	p->has_port = false;
	if (type == htons(ETH_P_IP)) {
		struct iphdr _ih, *ih;

		ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
		if (!ih || ih->ihl < 5)
			return false;
		p->ethertype = ETH_P_IP;
		p->proto = ih->protocol;
		p->src.ip = ih->saddr;
		p->dst.ip = ih->daddr;
		if (!(ih->frag_off & htons(IP_OFFSET)))
			p->has_port = nvo_acl_l4_port(skb, off + ih->ihl * 4,
						      p->proto, &p->dport);
		return true;
	}
	if (type == htons(ETH_P_IPV6)) {
		struct ipv6hdr _ih, *ih;
		__be16 frag = 0;
		u8 nexthdr;
		int l4;

		ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
		if (!ih)
			return false;
		p->ethertype = ETH_P_IPV6;
		p->src.in6 = ih->saddr;
		p->dst.in6 = ih->daddr;
		nexthdr = ih->nexthdr;
		l4 = ipv6_skip_exthdr(skb, off + sizeof(*ih), &nexthdr, &frag);
		p->proto = l4 < 0 ? NEXTHDR_NONE : nexthdr;
		if (l4 >= 0 && !(frag & htons(IP6_OFFSET)))
			p->has_port = nvo_acl_l4_port(skb, l4, p->proto,
						      &p->dport);
		return true;
	}
	return false;
}

/* False: @port's frame was dropped by a deny entry, counted on @port. */
bool nvo_acl_pass(struct nvo_vni *vni, struct nvo_port *port, u8 dir,
		  struct sk_buff *skb)
{
	const struct nvo_acl_list *l = rcu_dereference(vni->acl);
	struct nvo_acl_pkt p;
	unsigned int i;

	if (likely(!l) || !nvo_acl_parse(skb, &p))
		return true;
	for (i = 0; i < l->n; i++) {
		struct nvo_acl *e = l->e[i];

		if (!nvo_acl_match(e, dir, &p))
			continue;
		atomic64_inc(&e->hits);
		if (e->action == NVO_ACL_ALLOW)
			return true;
		nvo_drop(vni->nvo, vni, port, skb, NVO_DROP_ACL_DENY);
		return false;
	}
	return true;
}

/* The VNI is freed: a grace period has passed. */
void nvo_acl_free(struct nvo_vni *vni)
{
	struct nvo_acl_list *l = rcu_dereference_protected(vni->acl, true);
	unsigned int i;

	for (i = 0; l && i < l->n; i++)
		kfree(l->e[i]);
	kfree(l);
}

/* The VNI's list with @add put in its place, or without entry @del. */
static int nvo_acl_replace(struct nvo_vni *vni, struct nvo_acl *add,
			   unsigned int del)
{
	struct nvo_acl_list *old = rtnl_dereference(vni->acl), *new;
	unsigned int n = old ? old->n : 0, i, j = 0;

	n = add ? n + 1 : n - 1;
	new = NULL;
	if (n) {
		new = kzalloc(struct_size(new, e, n), GFP_KERNEL_ACCOUNT);
		if (!new)
			return -ENOMEM;
		new->n = n;
	}
	for (i = 0; old && i < old->n; i++) {
		if (add && add->prio < old->e[i]->prio && j == i)
			new->e[j++] = add;
		if (!add && i == del)
			continue;
		new->e[j++] = old->e[i];
	}
	if (add && j < n)
		new->e[j++] = add;
	rcu_assign_pointer(vni->acl, new);
	if (!add)
		kfree_rcu(old->e[del], rcu);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int nvo_acl_find(const struct nvo_vni *vni, u32 prio)
{
	const struct nvo_acl_list *l = rtnl_dereference(vni->acl);
	unsigned int i;

	for (i = 0; l && i < l->n; i++)
		if (l->e[i]->prio == prio)
			return i;
	return -1;
}

static int nvo_acl_parse_req(struct genl_info *info, struct nvo_acl *e)
{
	struct nlattr **attrs = info->attrs;
	int err;

	if (!attrs[NVO_A_ACL_PRIO]) {
		NVO_NL_MISSING(info->extack, NVO_A_ACL_PRIO,
			       "missing ACL entry priority");
		return -EINVAL;
	}
	if (!attrs[NVO_A_ACL_ACTION]) {
		NVO_NL_MISSING(info->extack, NVO_A_ACL_ACTION,
			       "missing ACL action (allow or deny)");
		return -EINVAL;
	}
	e->prio = nla_get_u32(attrs[NVO_A_ACL_PRIO]);
	e->action = nla_get_u8(attrs[NVO_A_ACL_ACTION]);
	if (attrs[NVO_A_RULE_DIR])
		e->dir = nla_get_u8(attrs[NVO_A_RULE_DIR]);
	if (attrs[NVO_A_RULE_ETHERTYPE]) {
		e->ethertype = nla_get_u16(attrs[NVO_A_RULE_ETHERTYPE]);
		if (e->ethertype != ETH_P_IP && e->ethertype != ETH_P_IPV6) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    attrs[NVO_A_RULE_ETHERTYPE],
					    "ethertype must be IPv4 (0x0800) or IPv6 (0x86dd)");
			return -EINVAL;
		}
	}
	if (attrs[NVO_A_RULE_PROTO])
		e->proto = nla_get_u8(attrs[NVO_A_RULE_PROTO]);
	err = nvo_nl_ports(info, e->proto, &e->has_ports, &e->port_min,
			   &e->port_max);
	if (!err)
		err = nvo_nl_cidr(info, NVO_A_ACL_SRC_IP4, NVO_A_ACL_SRC_IP6,
				  NVO_A_ACL_SRC_PREFIX, e->ethertype, &e->src,
				  &e->src_prefix);
	if (!err)
		err = nvo_nl_cidr(info, NVO_A_ACL_DST_IP4, NVO_A_ACL_DST_IP6,
				  NVO_A_ACL_DST_PREFIX, e->ethertype, &e->dst,
				  &e->dst_prefix);
	return err;
}

int nvo_nl_acl_new(struct sk_buff *skb, struct genl_info *info)
{
	const struct nvo_acl_list *l;
	struct nvo_vni *vni;
	struct nvo_acl *e;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);
	if (!e)
		return -ENOMEM;
	err = nvo_acl_parse_req(info, e);
	if (err)
		goto err_free;
	if (nvo_acl_find(vni, e->prio) >= 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_ACL_PRIO],
				    "the VNI has an ACL entry of this priority");
		err = -EEXIST;
		goto err_free;
	}
	l = rtnl_dereference(vni->acl);
	if (l && l->n >= NVO_VNI_ACL_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "the VNI has as many ACL entries as it may");
		err = -ENOSPC;
		goto err_free;
	}
	err = nvo_acl_replace(vni, e, 0);
	if (err)
		goto err_free;
	nvo_changed(info->user_ptr[0]);
	return 0;

err_free:
	kfree(e);
	return err;
}

int nvo_nl_acl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NVO_A_ACL_PRIO];
	struct nvo_vni *vni;
	int err, i;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	if (!attr) {
		NVO_NL_MISSING(info->extack, NVO_A_ACL_PRIO,
			       "missing ACL entry priority");
		return -EINVAL;
	}
	i = nvo_acl_find(vni, nla_get_u32(attr));
	if (i < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the VNI has no ACL entry of this priority");
		return -ENOENT;
	}
	err = nvo_acl_replace(vni, NULL, i);
	if (err)
		return err;
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_acl_fill(struct sk_buff *msg, struct nvo_dev *nvo,
			const struct nvo_vni *vni, struct nvo_acl *e,
			struct netlink_callback *cb)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_ACL_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, nvo->dev->ifindex) ||
	    nla_put_u32(msg, NVO_A_VNI, vni->vni) ||
	    nla_put_u32(msg, NVO_A_ACL_PRIO, e->prio) ||
	    nla_put_u8(msg, NVO_A_ACL_ACTION, e->action) ||
	    (e->dir && nla_put_u8(msg, NVO_A_RULE_DIR, e->dir)) ||
	    (e->ethertype &&
	     nla_put_u16(msg, NVO_A_RULE_ETHERTYPE, e->ethertype)) ||
	    (e->proto && nla_put_u8(msg, NVO_A_RULE_PROTO, e->proto)) ||
	    (e->has_ports &&
	     (nla_put_u16(msg, NVO_A_RULE_PORT_MIN, e->port_min) ||
	      nla_put_u16(msg, NVO_A_RULE_PORT_MAX, e->port_max))) ||
	    nvo_nl_put_cidr(msg, NVO_A_ACL_SRC_IP4, NVO_A_ACL_SRC_IP6,
			    NVO_A_ACL_SRC_PREFIX, &e->src, e->src_prefix) ||
	    nvo_nl_put_cidr(msg, NVO_A_ACL_DST_IP4, NVO_A_ACL_DST_IP6,
			    NVO_A_ACL_DST_PREFIX, &e->dst, e->dst_prefix) ||
	    nla_put_u64_64bit(msg, NVO_A_ACL_HITS, atomic64_read(&e->hits),
			      NVO_A_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[1]: the VNI being dumped; cb->args[2]: its entries done. */
int nvo_nl_acl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *vattr = genl_dumpit_info(cb)->attrs[NVO_A_VNI];
	unsigned long id = cb->args[1];
	const struct nvo_acl_list *l;
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	unsigned int i;
	int err;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->vnis, id, vni, id) {
		if (vattr && vni->vni != nla_get_u32(vattr))
			continue;
		l = rcu_dereference(vni->acl);
		for (i = cb->args[2]; l && i < l->n; i++) {
			if (nvo_acl_fill(skb, nvo, vni, l->e[i], cb))
				goto done;
			cb->args[2] = i + 1;
		}
		cb->args[1] = id + 1;
		cb->args[2] = 0;
	}
done:
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
