// SPDX-License-Identifier: GPL-2.0
/*
 * A tenant router's table: connected routes (an interface's subnet), local
 * routes (its own addresses, not shown) and static routes via a next hop,
 * IPv4 and IPv6 in one longest-prefix-match table.
 */

#include <linux/rhashtable.h>

#include "nvo.h"
#include "netlink.h"

static const struct rhashtable_params nvo_route_params = {
	.head_offset		= offsetof(struct nvo_route, node),
	.key_offset		= offsetof(struct nvo_route, key),
	.key_len		= NVO_PREFIX_KEY_LEN,
	.automatic_shrinking	= true,
};

int nvo_routes_init(struct nvo_router *r)
{
	return rhashtable_init(&r->routes, &nvo_route_params);
}

static void nvo_route_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Only once no reader can reach the router any more. */
void nvo_routes_destroy(struct nvo_router *r)
{
	rhashtable_free_and_destroy(&r->routes, nvo_route_free, NULL);
}

static void nvo_prefix_set(struct nvo_prefix *p, const struct in6_addr *addr,
			   u8 plen)
{
	memset(p, 0, sizeof(*p));
	ipv6_addr_prefix(&p->addr, addr, plen);
	p->plen = plen;
}

struct nvo_route *nvo_route_lookup(struct nvo_router *r,
				   const struct in6_addr *dst)
{
	/* A v4-mapped destination only matches IPv4 prefixes. */
	int p, min = ipv6_addr_v4mapped(dst) ? 96 : 0;
	struct nvo_prefix key;
	struct nvo_route *rt;

	for (p = NVO_PLEN_MAX; p >= min; p--) {
		if (!test_bit(p, r->plens))
			continue;
		nvo_prefix_set(&key, dst, p);
		rt = rhashtable_lookup(&r->routes, &key, nvo_route_params);
		if (rt)
			return rt;
	}
	return NULL;
}

/* Under RTNL. */
static int nvo_route_insert(struct nvo_router *r, struct nvo_route *rt)
{
	int err;

	err = rhashtable_lookup_insert_fast(&r->routes, &rt->node,
					    nvo_route_params);
	if (err)
		return err;
	if (!r->plen_count[rt->key.plen]++)
		set_bit(rt->key.plen, r->plens);
	if (rt->type != NVO_ROUTE_LOCAL)
		WRITE_ONCE(r->nroutes, r->nroutes + 1);
	return 0;
}

/* Under RTNL. */
static void nvo_route_remove(struct nvo_router *r, struct nvo_route *rt)
{
	rhashtable_remove_fast(&r->routes, &rt->node, nvo_route_params);
	if (!--r->plen_count[rt->key.plen])
		clear_bit(rt->key.plen, r->plens);
	if (rt->type != NVO_ROUTE_LOCAL)
		WRITE_ONCE(r->nroutes, r->nroutes - 1);
	kfree_rcu(rt, rcu);
}

static struct nvo_route *nvo_route_new(const struct in6_addr *addr, u8 plen,
				       u8 type, struct nvo_rif *rif)
{
	struct nvo_route *rt = kzalloc(sizeof(*rt), GFP_KERNEL_ACCOUNT);

	if (!rt)
		return NULL;
	nvo_prefix_set(&rt->key, addr, plen);
	rt->type = type;
	rt->rif = rif;
	return rt;
}

static struct nvo_route *nvo_route_find(struct nvo_router *r,
					const struct in6_addr *addr, u8 plen)
{
	struct nvo_prefix key;

	nvo_prefix_set(&key, addr, plen);
	return rhashtable_lookup_fast(&r->routes, &key, nvo_route_params);
}

/* The routes an interface brings, per family: its subnet and its own
 * address. Under RTNL; the caller checked that neither exists.
 */
static int nvo_route_connect_one(struct nvo_rif *rif,
				 const struct in6_addr *ip, u8 plen)
{
	struct nvo_router *r = rif->router;
	struct nvo_route *net, *host;
	int err = -ENOMEM;

	net = nvo_route_new(ip, plen, NVO_ROUTE_CONNECTED, rif);
	host = nvo_route_new(ip, NVO_PLEN_MAX, NVO_ROUTE_LOCAL, rif);
	if (!net || !host)
		goto err;
	err = nvo_route_insert(r, net);
	if (err)
		goto err;
	err = nvo_route_insert(r, host);
	if (err) {
		nvo_route_remove(r, net);
		kfree(host);
		return err;
	}
	return 0;
err:
	kfree(net);
	kfree(host);
	return err;
}

static void nvo_route_disconnect_one(struct nvo_rif *rif,
				     const struct in6_addr *ip, u8 plen)
{
	struct nvo_router *r = rif->router;
	struct nvo_route *rt;

	rt = nvo_route_find(r, ip, plen);
	if (rt)
		nvo_route_remove(r, rt);
	rt = nvo_route_find(r, ip, NVO_PLEN_MAX);
	if (rt)
		nvo_route_remove(r, rt);
}

int nvo_route_connect(struct nvo_rif *rif)
{
	struct in6_addr ip;
	int err;

	if (rif->has4) {
		ipv6_addr_set_v4mapped(rif->ip4, &ip);
		err = nvo_route_connect_one(rif, &ip, rif->plen4 + 96);
		if (err)
			return err;
	}
	if (rif->has6) {
		err = nvo_route_connect_one(rif, &rif->ip6, rif->plen6);
		if (err && rif->has4) {
			nvo_route_disconnect_one(rif, &ip, rif->plen4 + 96);
			return err;
		}
	}
	return 0;
}

void nvo_route_disconnect(struct nvo_rif *rif)
{
	struct in6_addr ip;

	if (rif->has4) {
		ipv6_addr_set_v4mapped(rif->ip4, &ip);
		nvo_route_disconnect_one(rif, &ip, rif->plen4 + 96);
	}
	if (rif->has6)
		nvo_route_disconnect_one(rif, &rif->ip6, rif->plen6);
}

/* Whether the router has a (static) route to a prefix @rif would bring:
 * its subnet or its address. Under RTNL.
 */
bool nvo_route_taken(struct nvo_router *r, const struct nvo_rif *rif)
{
	struct in6_addr ip;

	if (rif->has4) {
		ipv6_addr_set_v4mapped(rif->ip4, &ip);
		if (nvo_route_find(r, &ip, rif->plen4 + 96) ||
		    nvo_route_find(r, &ip, NVO_PLEN_MAX))
			return true;
	}
	return rif->has6 && (nvo_route_find(r, &rif->ip6, rif->plen6) ||
			     nvo_route_find(r, &rif->ip6, NVO_PLEN_MAX));
}

/* Whether a static route's next hop is on @rif's subnets. Under RTNL. */
bool nvo_route_via_on(struct nvo_router *r, const struct nvo_rif *rif)
{
	struct rhashtable_iter iter;
	struct in6_addr ip = {};
	struct nvo_route *rt;
	bool on = false;

	if (rif->has4)
		ipv6_addr_set_v4mapped(rif->ip4, &ip);
	rhashtable_walk_enter(&r->routes, &iter);
	rhashtable_walk_start(&iter);
	while (!on && (rt = rhashtable_walk_next(&iter))) {
		if (IS_ERR(rt))
			continue;
		if (rt->type != NVO_ROUTE_STATIC)
			continue;
		on = (rif->has4 && ipv6_prefix_equal(&rt->via, &ip,
						     rif->plen4 + 96)) ||
		     (rif->has6 && !ipv6_addr_v4mapped(&rt->via) &&
		      ipv6_prefix_equal(&rt->via, &rif->ip6, rif->plen6));
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return on;
}

/* A route's destination prefix, host bits zero, as a key. */
static int nvo_nl_route_dst(struct genl_info *info, struct nvo_prefix *dst,
			    struct nlattr **where)
{
	struct nlattr *a4 = info->attrs[NVO_A_IP4], *a6 = info->attrs[NVO_A_IP6];
	struct nlattr *p4 = info->attrs[NVO_A_PREFIX4];
	struct nlattr *p6 = info->attrs[NVO_A_PREFIX6];
	struct netlink_ext_ack *extack = info->extack;
	struct in6_addr ip;
	u8 plen;

	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(extack, a6, "give one destination, IPv4 or IPv6");
		return -EINVAL;
	}
	if (!a4 && !a6) {
		NVO_NL_MISSING(extack, NVO_A_IP4, "missing route destination");
		return -EINVAL;
	}
	if ((a4 && p6) || (a6 && p4)) {
		NL_SET_ERR_MSG_ATTR(extack, a4 ? p6 : p4,
				    "prefix length of the other family");
		return -EINVAL;
	}
	*where = a4 ?: a6;
	if (a4) {
		plen = p4 ? nla_get_u8(p4) : 32;
		if (plen > 32) {
			NL_SET_ERR_MSG_ATTR(extack, p4,
					    "prefix length of an IPv4 address is at most 32");
			return -EINVAL;
		}
		ipv6_addr_set_v4mapped(nla_get_in_addr(a4), &ip);
		plen += 96;
	} else {
		plen = p6 ? nla_get_u8(p6) : 128;
		ip = nla_get_in6_addr(a6);
		if (ipv6_addr_v4mapped(&ip)) {
			NL_SET_ERR_MSG_ATTR(extack, a6,
					    "an IPv4 destination is given as IPv4");
			return -EINVAL;
		}
	}
	nvo_prefix_set(dst, &ip, plen);
	if (!ipv6_addr_equal(&dst->addr, &ip)) {
		NL_SET_ERR_MSG_ATTR(extack, *where,
				    "address has host bits set beyond its prefix length");
		return -EINVAL;
	}
	return 0;
}

/* The next hop: of the destination's family, on a connected subnet. */
static int nvo_nl_route_via(struct genl_info *info, struct nvo_router *r,
			    const struct nvo_prefix *dst, struct in6_addr *via)
{
	struct nlattr *v4 = info->attrs[NVO_A_VIA4], *v6 = info->attrs[NVO_A_VIA6];
	struct netlink_ext_ack *extack = info->extack;
	bool dst4 = ipv6_addr_v4mapped(&dst->addr);
	const struct nvo_route *rt;
	u8 type;

	if (!v4 && !v6) {
		NVO_NL_MISSING(extack, dst4 ? NVO_A_VIA4 : NVO_A_VIA6,
			       "missing next hop");
		return -EINVAL;
	}
	if (v4 && v6) {
		NL_SET_ERR_MSG_ATTR(extack, v6, "give one next hop");
		return -EINVAL;
	}
	if (!!v4 != dst4) {
		NL_SET_ERR_MSG_ATTR(extack, v4 ?: v6,
				    "next hop of another family than the destination");
		return -EINVAL;
	}
	if (v4) {
		ipv6_addr_set_v4mapped(nla_get_in_addr(v4), via);
	} else {
		*via = nla_get_in6_addr(v6);
		if (ipv6_addr_v4mapped(via)) {
			NL_SET_ERR_MSG_ATTR(extack, v6,
					    "an IPv4 next hop is given as IPv4");
			return -EINVAL;
		}
	}
	rcu_read_lock();
	rt = nvo_route_lookup(r, via);
	type = rt ? rt->type : NVO_ROUTE_STATIC;
	rcu_read_unlock();
	if (type == NVO_ROUTE_LOCAL) {
		NL_SET_ERR_MSG_ATTR(extack, v4 ?: v6,
				    "next hop is an address of the router itself");
		return -EINVAL;
	}
	if (type != NVO_ROUTE_CONNECTED) {
		NL_SET_ERR_MSG_ATTR(extack, v4 ?: v6,
				    "next hop is not on a subnet of the router's interfaces");
		return -EINVAL;
	}
	return 0;
}

int nvo_nl_route_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *flags = info->attrs[NVO_A_FLAGS];
	struct nvo_route *old, *rt;
	struct nvo_prefix dst;
	struct nvo_router *r;
	struct nlattr *where;
	struct in6_addr via;
	int err;

	err = nvo_nl_router_get(info, &r);
	if (err)
		return err;
	err = nvo_nl_route_dst(info, &dst, &where);
	if (err)
		return err;
	err = nvo_nl_route_via(info, r, &dst, &via);
	if (err)
		return err;
	old = nvo_route_find(r, &dst.addr, dst.plen);
	if (old && old->type == NVO_ROUTE_LOCAL) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "the prefix is an address of the router itself");
		return -EEXIST;
	}
	if (old && old->type == NVO_ROUTE_CONNECTED) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "the prefix is the subnet of one of the router's interfaces");
		return -EEXIST;
	}
	if (old && !(flags && (nla_get_u32(flags) & NVO_F_REPLACE))) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "the router has a route to this prefix; use replace");
		return -EEXIST;
	}
	rt = nvo_route_new(&dst.addr, dst.plen, NVO_ROUTE_STATIC, NULL);
	if (!rt)
		return -ENOMEM;
	rt->via = via;
	if (old) {
		err = rhashtable_replace_fast(&r->routes, &old->node, &rt->node,
					      nvo_route_params);
		if (!err)
			kfree_rcu(old, rcu);
	} else {
		err = nvo_route_insert(r, rt);
	}
	if (err) {
		kfree(rt);
		return err;
	}
	nvo_changed(info->user_ptr[0]);
	return 0;
}

int nvo_nl_route_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_prefix dst;
	struct nvo_router *r;
	struct nvo_route *rt;
	struct nlattr *where;
	int err;

	err = nvo_nl_router_get(info, &r);
	if (err)
		return err;
	err = nvo_nl_route_dst(info, &dst, &where);
	if (err)
		return err;
	rt = nvo_route_find(r, &dst.addr, dst.plen);
	if (!rt) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "the router has no route to this prefix");
		return -ENOENT;
	}
	if (rt->type != NVO_ROUTE_STATIC) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "a connected route goes with its interface");
		return -EINVAL;
	}
	nvo_route_remove(r, rt);
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_nl_put_prefix(struct sk_buff *msg, const struct nvo_prefix *p)
{
	if (ipv6_addr_v4mapped(&p->addr))
		return nla_put_in_addr(msg, NVO_A_IP4, p->addr.s6_addr32[3]) ||
		       nla_put_u8(msg, NVO_A_PREFIX4, p->plen - 96);
	return nla_put_in6_addr(msg, NVO_A_IP6, &p->addr) ||
	       nla_put_u8(msg, NVO_A_PREFIX6, p->plen);
}

static int nvo_route_fill(struct sk_buff *msg, struct netlink_callback *cb,
			  const struct nvo_router *r,
			  const struct nvo_route *rt)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_ROUTE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_ROUTER_ID, r->id) ||
	    nvo_nl_put_prefix(msg, &rt->key))
		goto err;
	if (rt->type == NVO_ROUTE_CONNECTED) {
		if (nla_put_u32(msg, NVO_A_VNI, rt->rif->vni->vni))
			goto err;
	} else if (ipv6_addr_v4mapped(&rt->via) ?
		   nla_put_in_addr(msg, NVO_A_VIA4, rt->via.s6_addr32[3]) :
		   nla_put_in6_addr(msg, NVO_A_VIA6, &rt->via)) {
		goto err;
	}
	genlmsg_end(msg, hdr);
	return 0;
err:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

/* A dump walks one router's table at a time and holds that router
 * across calls.
 */
struct nvo_route_dump {
	struct nvo_router *r;
	struct rhashtable_iter iter;
	unsigned long next;	/* the first router not visited yet */
	bool last;
};

int nvo_nl_route_start(struct netlink_callback *cb)
{
	struct nvo_route_dump *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	cb->args[2] = (long)d;
	return 0;
}

int nvo_nl_route_done(struct netlink_callback *cb)
{
	struct nvo_route_dump *d = (struct nvo_route_dump *)cb->args[2];

	if (d->r) {
		rhashtable_walk_exit(&d->iter);
		nvo_router_put(d->r);
	}
	kfree(d);
	return 0;
}

static bool nvo_route_dump_next(struct nvo_dev *nvo, struct nvo_route_dump *d,
				const struct nlattr *filter)
{
	if (d->last)
		return false;
	if (filter) {
		d->last = true;
		d->next = nla_get_u32(filter);
		d->r = nvo_router_get_next(nvo, &d->next);
		if (d->r && d->r->id != nla_get_u32(filter)) {
			nvo_router_put(d->r);
			d->r = NULL;
		}
	} else {
		d->r = nvo_router_get_next(nvo, &d->next);
	}
	if (!d->r) {
		d->last = true;
		return false;
	}
	rhashtable_walk_enter(&d->r->routes, &d->iter);
	return true;
}

int nvo_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nlattr *filter =
		genl_dumpit_info(cb)->attrs[NVO_A_ROUTER_ID];
	struct nvo_route_dump *d = (struct nvo_route_dump *)cb->args[2];
	struct nvo_route *rt;
	struct nvo_dev *nvo;
	int err = 0;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	while (d->r || nvo_route_dump_next(nvo, d, filter)) {
		rhashtable_walk_start(&d->iter);
		while ((rt = rhashtable_walk_peek(&d->iter))) {
			if (IS_ERR(rt)) {
				if (PTR_ERR(rt) == -EAGAIN)
					continue;
				break;
			}
			if (rt->type != NVO_ROUTE_LOCAL &&
			    nvo_route_fill(skb, cb, d->r, rt)) {
				rhashtable_walk_stop(&d->iter);
				goto full;
			}
			rhashtable_walk_next(&d->iter);
		}
		rhashtable_walk_stop(&d->iter);
		rhashtable_walk_exit(&d->iter);
		nvo_router_put(d->r);
		d->r = NULL;
	}
full:
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
