// SPDX-License-Identifier: GPL-2.0
/*
 * Tenant routers and their interfaces. Every hypervisor of a tenant has
 * the same router, with the same gateway addresses and MACs on the same
 * VNIs (an anycast gateway): a VM's first hop is always its own host.
 *
 * Configuration is under RTNL; the packet path reaches a router through
 * its VNI's interface (vni->rif) under RCU. Interfaces and routes are
 * freed a grace period after they leave, a router once its last reference
 * (the device's, a running dump's) goes, after one more.
 */

#include <net/addrconf.h>

#include "nvo.h"
#include "netlink.h"

static void nvo_router_free_work(struct work_struct *work)
{
	struct nvo_router *r = container_of(to_rcu_work(work),
					    struct nvo_router, free_work);

	nvo_routes_destroy(r);
	kfree(r);
}

void nvo_router_put(struct nvo_router *r)
{
	if (refcount_dec_and_test(&r->refs)) {
		INIT_RCU_WORK(&r->free_work, nvo_router_free_work);
		queue_rcu_work(nvo_wq, &r->free_work);
	}
}

/* The first router at or after *@id, with a reference; *@id moves past. */
struct nvo_router *nvo_router_get_next(struct nvo_dev *nvo, unsigned long *id)
{
	struct nvo_router *r;

	rcu_read_lock();
	while ((r = xa_find(&nvo->routers, id, U32_MAX, XA_PRESENT))) {
		(*id)++;
		if (refcount_inc_not_zero(&r->refs))
			break;
	}
	rcu_read_unlock();
	return r;
}

static void nvo_rif_remove(struct nvo_rif *rif)
{
	struct nvo_router *r = rif->router;

	RCU_INIT_POINTER(rif->vni->rif, NULL);
	nvo_route_disconnect(rif);
	list_del(&rif->node);
	WRITE_ONCE(r->nrifs, r->nrifs - 1);
	nvo_vni_put(rif->vni);
	kfree_rcu(rif, rcu);
}

static void nvo_router_remove(struct nvo_dev *nvo, struct nvo_router *r)
{
	struct nvo_rif *rif, *tmp;

	xa_erase(&nvo->routers, r->id);
	list_for_each_entry_safe(rif, tmp, &r->rifs, node)
		nvo_rif_remove(rif);
	nvo_router_put(r);
}

/* Device teardown, before its VNIs go. */
void nvo_router_flush(struct nvo_dev *nvo)
{
	struct nvo_router *r;
	unsigned long id;

	xa_for_each(&nvo->routers, id, r)
		nvo_router_remove(nvo, r);
	xa_destroy(&nvo->routers);
}

static int nvo_nl_router_id(struct genl_info *info, u32 *id)
{
	if (!info->attrs[NVO_A_ROUTER_ID]) {
		NVO_NL_MISSING(info->extack, NVO_A_ROUTER_ID, "missing router id");
		return -EINVAL;
	}
	*id = nla_get_u32(info->attrs[NVO_A_ROUTER_ID]);
	return 0;
}

/* The router the request names, under RTNL. */
int nvo_nl_router_get(struct genl_info *info, struct nvo_router **r)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	u32 id;
	int err;

	err = nvo_nl_router_id(info, &id);
	if (err)
		return err;
	*r = xa_load(&nvo->routers, id);
	if (!*r) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_ROUTER_ID],
				    "router does not exist on this device");
		return -ENOENT;
	}
	return 0;
}

int nvo_nl_router_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_router *r;
	u32 id;
	int err;

	err = nvo_nl_router_id(info, &id);
	if (err)
		return err;
	if (!info->attrs[NVO_A_TENANT]) {
		NVO_NL_MISSING(info->extack, NVO_A_TENANT,
			       "missing tenant: a router routes for one");
		return -EINVAL;
	}
	if (xa_load(&nvo->routers, id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_ROUTER_ID],
				    "router exists on this device");
		return -EEXIST;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return -ENOMEM;
	r->id = id;
	r->tenant = nla_get_u16(info->attrs[NVO_A_TENANT]);
	refcount_set(&r->refs, 1);
	INIT_LIST_HEAD(&r->rifs);
	/* At most 10 ICMP errors a second, as a router's should be few. */
	ratelimit_state_init(&r->icmp_rl, HZ, 10);
	ratelimit_set_flags(&r->icmp_rl, RATELIMIT_MSG_ON_RELEASE);
	err = nvo_routes_init(r);
	if (err)
		goto err_free;
	err = xa_insert(&nvo->routers, id, r, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_routes;
	nvo_changed(nvo);
	return 0;

err_routes:
	nvo_routes_destroy(r);
err_free:
	kfree(r);
	return err;
}

int nvo_nl_router_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_router *r;
	int err;

	err = nvo_nl_router_get(info, &r);
	if (err)
		return err;
	nvo_router_remove(info->user_ptr[0], r);
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_router_fill(struct sk_buff *msg, struct netlink_callback *cb,
			   const struct nvo_router *r)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_ROUTER_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_ROUTER_ID, r->id) ||
	    nla_put_u16(msg, NVO_A_TENANT, r->tenant) ||
	    nla_put_u32(msg, NVO_A_RIF_COUNT, READ_ONCE(r->nrifs)) ||
	    nla_put_u32(msg, NVO_A_ROUTE_COUNT, READ_ONCE(r->nroutes))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[1]: the next router to dump. */
int nvo_nl_router_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[1];
	struct nvo_router *r;
	struct nvo_dev *nvo;
	int err = 0;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->routers, id, r, id) {
		if (nvo_router_fill(skb, cb, r))
			break;
		cb->args[1] = id + 1;
	}
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}

/* A gateway address: a host of its prefix, neither its network address
 * nor (IPv4) its broadcast.
 */
static int nvo_nl_rif_addrs(struct genl_info *info, struct nvo_rif *rif)
{
	struct nlattr *a4 = info->attrs[NVO_A_IP4], *a6 = info->attrs[NVO_A_IP6];
	struct nlattr *p4 = info->attrs[NVO_A_PREFIX4];
	struct nlattr *p6 = info->attrs[NVO_A_PREFIX6];
	struct netlink_ext_ack *extack = info->extack;
	struct in6_addr net;
	__be32 mask;

	if (!a4 && !a6) {
		NVO_NL_MISSING(extack, NVO_A_IP4,
			       "missing gateway address: give an IPv4 or IPv6 one, or both");
		return -EINVAL;
	}
	if ((p4 && !a4) || (p6 && !a6)) {
		NL_SET_ERR_MSG_ATTR(extack, p4 && !a4 ? p4 : p6,
				    "a prefix length needs an address");
		return -EINVAL;
	}
	if (a4) {
		rif->has4 = true;
		rif->ip4 = nla_get_in_addr(a4);
		rif->plen4 = p4 ? nla_get_u8(p4) : 24;
		if (rif->plen4 < 1 || rif->plen4 > 30) {
			NL_SET_ERR_MSG_ATTR(extack, p4,
					    "an interface's IPv4 prefix length is 1 to 30");
			return -EINVAL;
		}
		mask = inet_make_mask(rif->plen4);
		if (ipv4_is_multicast(rif->ip4) || ipv4_is_loopback(rif->ip4) ||
		    ipv4_is_zeronet(rif->ip4) || ipv4_is_lbcast(rif->ip4) ||
		    !(rif->ip4 & ~mask) || (rif->ip4 | ~mask) == htonl(~0U)) {
			NL_SET_ERR_MSG_ATTR(extack, a4,
					    "the gateway must be a host address of its prefix");
			return -EINVAL;
		}
	}
	if (a6) {
		rif->has6 = true;
		rif->ip6 = nla_get_in6_addr(a6);
		rif->plen6 = p6 ? nla_get_u8(p6) : 64;
		if (rif->plen6 < 1 || rif->plen6 > 126) {
			NL_SET_ERR_MSG_ATTR(extack, p6,
					    "an interface's IPv6 prefix length is 1 to 126");
			return -EINVAL;
		}
		ipv6_addr_prefix(&net, &rif->ip6, rif->plen6);
		if (!(ipv6_addr_type(&rif->ip6) & IPV6_ADDR_UNICAST) ||
		    ipv6_addr_loopback(&rif->ip6) ||
		    ipv6_addr_v4mapped(&rif->ip6) ||
		    ipv6_addr_equal(&net, &rif->ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, a6,
					    "the gateway must be a host address of its prefix");
			return -EINVAL;
		}
	}
	return 0;
}

/* Two interfaces of a router may not share addresses: the prefixes of a
 * family may not overlap.
 */
static bool nvo_rif_overlaps(const struct nvo_rif *a, const struct nvo_rif *b)
{
	__be32 mask;

	if (a->has4 && b->has4) {
		mask = inet_make_mask(min(a->plen4, b->plen4));
		if (!((a->ip4 ^ b->ip4) & mask))
			return true;
	}
	return a->has6 && b->has6 &&
	       ipv6_prefix_equal(&a->ip6, &b->ip6, min(a->plen6, b->plen6));
}

int nvo_nl_rif_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nvo_rif *rif, *other;
	struct nvo_tenant *tn;
	struct nvo_router *r;
	struct nvo_vni *vni;
	const u8 *mac;
	int err;

	err = nvo_nl_router_get(info, &r);
	if (err)
		return err;
	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	tn = rtnl_dereference(vni->tn);
	if (!tn || tn->id != r->tenant) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[NVO_A_VNI],
				    "the VNI is not of the router's tenant");
		return -EINVAL;
	}
	if (rtnl_dereference(vni->rif)) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[NVO_A_VNI],
				    "the VNI has a router interface");
		return -EEXIST;
	}
	err = nvo_nl_mac(info, true, &mac);
	if (err)
		return err;
	rif = kzalloc(sizeof(*rif), GFP_KERNEL_ACCOUNT);
	if (!rif)
		return -ENOMEM;
	rif->router = r;
	rif->vni = vni;
	ether_addr_copy(rif->mac, mac);
	/* Router advertisements come from a link-local address (RFC 4861
	 * 4.2): the one the MAC gives, as a host's would.
	 */
	rif->ll6.s6_addr32[0] = htonl(0xfe800000);
	addrconf_addr_eui48(&rif->ll6.s6_addr[8], (const char *)mac);
	err = nvo_nl_rif_addrs(info, rif);
	if (err)
		goto err_free;
	list_for_each_entry(other, &r->rifs, node) {
		if (nvo_rif_overlaps(rif, other)) {
			NL_SET_ERR_MSG(extack,
				       "the interface's subnet overlaps another interface's of the router");
			err = -EINVAL;
			goto err_free;
		}
	}
	if (nvo_route_taken(r, rif)) {
		NL_SET_ERR_MSG(extack,
			       "the router has a static route to the interface's subnet or address");
		err = -EEXIST;
		goto err_free;
	}
	err = nvo_route_connect(rif);
	if (err) {
		/* Its routes were published, for a moment: readers that
		 * found one may still follow it to the interface.
		 */
		kfree_rcu(rif, rcu);
		return err;
	}
	refcount_inc(&vni->refs);
	list_add_tail(&rif->node, &r->rifs);
	WRITE_ONCE(r->nrifs, r->nrifs + 1);
	rcu_assign_pointer(vni->rif, rif);
	nvo_changed(info->user_ptr[0]);
	return 0;

err_free:
	kfree(rif);
	return err;
}

int nvo_nl_rif_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_router *r;
	struct nvo_vni *vni;
	struct nvo_rif *rif;
	int err;

	err = nvo_nl_router_get(info, &r);
	if (err)
		return err;
	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	rif = rtnl_dereference(vni->rif);
	if (!rif || rif->router != r) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "the router has no interface on this VNI");
		return -ENOENT;
	}
	if (nvo_route_via_on(r, rif)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "a static route's next hop is on this interface");
		return -EBUSY;
	}
	nvo_rif_remove(rif);
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_rif_fill(struct sk_buff *msg, struct netlink_callback *cb,
			const struct nvo_rif *rif)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_RIF_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_ROUTER_ID, rif->router->id) ||
	    nla_put_u32(msg, NVO_A_VNI, rif->vni->vni) ||
	    nla_put(msg, NVO_A_MAC, ETH_ALEN, rif->mac) ||
	    (rif->has4 && (nla_put_in_addr(msg, NVO_A_IP4, rif->ip4) ||
			   nla_put_u8(msg, NVO_A_PREFIX4, rif->plen4))) ||
	    (rif->has6 && (nla_put_in6_addr(msg, NVO_A_IP6, &rif->ip6) ||
			   nla_put_u8(msg, NVO_A_PREFIX6, rif->plen6)))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* In VNI order, which the VNIs' xarray gives; cb->args[1]: the next VNI. */
int nvo_nl_rif_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[1];
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	struct nvo_rif *rif;
	int err = 0;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->vnis, id, vni, id) {
		rif = rcu_dereference(vni->rif);
		if (rif && nvo_rif_fill(skb, cb, rif))
			break;
		cb->args[1] = id + 1;
	}
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
