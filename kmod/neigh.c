// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbour table of a VNI: tenant IPv4/IPv6 address -> MAC, for the
 * ARP/ND answers of arpnd.c.
 *
 * Static entries come from the controller; with the VNI's neigh-learn on,
 * the ports' own ARP and ND add learned ones, which age out and never
 * override a static entry. As in the FDB, entries are immutable once
 * published: a change replaces the entry.
 */

#include <linux/jiffies.h>
#include <linux/rhashtable.h>

#include "nvo.h"
#include "netlink.h"

const struct rhashtable_params nvo_neigh_params = {
	.head_offset		= offsetof(struct nvo_neigh, node),
	.key_offset		= offsetof(struct nvo_neigh, ip),
	.key_len		= sizeof(struct in6_addr),
	.automatic_shrinking	= true,
};

int nvo_neigh_init(struct nvo_vni *vni)
{
	return rhashtable_init(&vni->neigh, &nvo_neigh_params);
}

static void nvo_neigh_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Only once no reader can reach the VNI any more. */
void nvo_neigh_destroy(struct nvo_vni *vni)
{
	rhashtable_free_and_destroy(&vni->neigh, nvo_neigh_free, NULL);
}

static struct nvo_neigh *nvo_neigh_alloc(const struct in6_addr *ip,
					 const u8 *mac, struct nvo_port *port,
					 bool router, gfp_t gfp)
{
	struct nvo_neigh *n = kzalloc(sizeof(*n), gfp);

	if (!n)
		return NULL;
	n->ip = *ip;
	ether_addr_copy(n->mac, mac);
	n->port = port;
	n->flags = (port ? NVO_NEIGH_F_LEARNED : 0) |
		   (router ? NVO_NEIGH_F_ROUTER : 0);
	n->updated = jiffies;
	return n;
}

static bool nvo_neigh_learned(const struct nvo_neigh *n)
{
	return n->flags & NVO_NEIGH_F_LEARNED;
}

/* Concurrent learners may each see room for the last entry: a limit may
 * be passed by as many entries as there are CPUs.
 */
static bool nvo_neigh_room(const struct nvo_vni *vni, bool learned)
{
	u32 max = READ_ONCE(vni->max_neigh);

	if (max && (u32)atomic_read(&vni->neigh_count) >= max)
		return false;
	if (!learned)
		return true;
	max = READ_ONCE(vni->max_learned) ?: READ_ONCE(vni->nvo->cfg.max_learned);
	return !max || (u32)atomic_read(&vni->neigh_learned) < max;
}

static int nvo_neigh_remove(struct nvo_vni *vni, void *obj)
{
	struct nvo_neigh *n = obj;

	if (rhashtable_remove_fast(&vni->neigh, &n->node, nvo_neigh_params))
		return -ENOENT;
	atomic_dec(&vni->neigh_count);
	if (nvo_neigh_learned(n))
		atomic_dec(&vni->neigh_learned);
	kfree_rcu(n, rcu);
	return 0;
}

/* Replace @old by @new; fails if someone else removed or replaced @old. */
static int nvo_neigh_swap(struct nvo_vni *vni, struct nvo_neigh *old,
			  struct nvo_neigh *new)
{
	int err;

	err = rhashtable_replace_fast(&vni->neigh, &old->node, &new->node,
				      nvo_neigh_params);
	if (err)
		return err;
	if (nvo_neigh_learned(old) != nvo_neigh_learned(new))
		atomic_add(nvo_neigh_learned(new) ? 1 : -1, &vni->neigh_learned);
	kfree_rcu(old, rcu);
	return 0;
}

static struct nvo_neigh *nvo_neigh_insert(struct nvo_vni *vni,
					  struct nvo_neigh *new)
{
	struct nvo_neigh *old;

	old = rhashtable_lookup_get_insert_fast(&vni->neigh, &new->node,
						nvo_neigh_params);
	if (!old) {
		atomic_inc(&vni->neigh_count);
		if (nvo_neigh_learned(new))
			atomic_inc(&vni->neigh_learned);
	}
	return old;
}

/* Packet path, under RCU: @port says that @ip is at @mac, and (an NA) that
 * it is a router or not; @router -1: it does not say (ARP, an NS), the
 * entry keeps what it knew.
 */
void nvo_neigh_learn(struct nvo_vni *vni, const struct in6_addr *ip,
		     const u8 *mac, struct nvo_port *port, int router)
{
	struct nvo_neigh *n = nvo_neigh_lookup(vni, ip), *new;
	unsigned long now = jiffies;

	if (n) {
		if (!nvo_neigh_learned(n))
			return;
		if (router < 0)
			router = !!(n->flags & NVO_NEIGH_F_ROUTER);
		if (n->port == port && ether_addr_equal(n->mac, mac) &&
		    router == !!(n->flags & NVO_NEIGH_F_ROUTER)) {
			/* Written once a jiffy at most: keep the line shared. */
			if (READ_ONCE(n->updated) != now)
				WRITE_ONCE(n->updated, now);
			return;
		}
	} else if (!nvo_neigh_room(vni, true)) {
		nvo_learn_limited(vni, port);
		return;
	}

	new = nvo_neigh_alloc(ip, mac, port, router > 0, GFP_ATOMIC);
	if (!new)
		return;
	if (n ? nvo_neigh_swap(vni, n, new) : !!nvo_neigh_insert(vni, new)) {
		/* Lost a race with another writer; its entry stands. */
		kfree(new);
		return;
	}
	nvo_vni_changed(vni);
}

static bool nvo_neigh_on_port(const void *n, const void *port)
{
	return ((const struct nvo_neigh *)n)->port == port;
}

/* Under RTNL, once the port no longer receives. */
void nvo_neigh_flush_port(struct nvo_port *port)
{
	mutex_lock(&port->nvo->prune_lock);
	if (atomic_read(&port->vni->neigh_learned))
		nvo_table_prune(port->vni, &port->vni->neigh,
				nvo_neigh_on_port, nvo_neigh_remove, port);
	mutex_unlock(&port->nvo->prune_lock);
}

static bool nvo_neigh_expired(const void *obj, const void *timeout)
{
	const struct nvo_neigh *n = obj;

	return nvo_neigh_learned(n) &&
	       time_after(jiffies, READ_ONCE(n->updated) +
			  *(const unsigned long *)timeout);
}

/* Under the device's prune_lock. */
void nvo_neigh_age(struct nvo_vni *vni, unsigned long timeout)
{
	if (atomic_read(&vni->neigh_learned))
		nvo_table_prune(vni, &vni->neigh, nvo_neigh_expired,
				nvo_neigh_remove, &timeout);
}

/* The tenant address of a request: IPv4 or IPv6, one, and for a new
 * entry one a VM can have.
 */
static int nvo_nl_neigh_ip(struct genl_info *info, bool check,
			   struct in6_addr *ip)
{
	struct nlattr *a4 = info->attrs[NVO_A_IP4];
	struct nlattr *a6 = info->attrs[NVO_A_IP6];
	__be32 ip4;

	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(info->extack, a6,
				    "give one address, IPv4 or IPv6");
		return -EINVAL;
	}
	if (a4) {
		ip4 = nla_get_in_addr(a4);
		if (check && (ipv4_is_zeronet(ip4) || ipv4_is_multicast(ip4) ||
			      ipv4_is_lbcast(ip4) || ipv4_is_loopback(ip4))) {
			NL_SET_ERR_MSG_ATTR(info->extack, a4,
					    "neighbour must be a unicast IPv4 address");
			return -EINVAL;
		}
		ipv6_addr_set_v4mapped(ip4, ip);
		return 0;
	}
	if (a6) {
		*ip = nla_get_in6_addr(a6);
		if (check && (!(ipv6_addr_type(ip) & IPV6_ADDR_UNICAST) ||
			      ipv6_addr_loopback(ip) ||
			      ipv6_addr_v4mapped(ip))) {
			NL_SET_ERR_MSG_ATTR(info->extack, a6,
					    "neighbour must be a unicast IPv6 address");
			return -EINVAL;
		}
		/* A v4-mapped address is how IPv4 entries are keyed. */
		if (ipv6_addr_v4mapped(ip))
			memset(ip, 0, sizeof(*ip));
		return 0;
	}
	NVO_NL_MISSING(info->extack, NVO_A_IP4, "missing neighbour address");
	return -EINVAL;
}

static int nvo_neigh_set(struct nvo_vni *vni, struct nvo_neigh *new,
			 bool replace, struct netlink_ext_ack *extack)
{
	struct nvo_neigh *old;
	int err = 0;

	rcu_read_lock();
	for (;;) {
		old = nvo_neigh_insert(vni, new);
		if (IS_ERR(old)) {
			NL_SET_ERR_MSG(extack,
				       "cannot add to the neighbour table of this VNI");
			err = PTR_ERR(old);
			break;
		}
		if (!old)
			break;
		if (!nvo_neigh_learned(old) && !replace) {
			NL_SET_ERR_MSG(extack,
				       "a neighbour entry for this address exists in this VNI; use replace");
			err = -EEXIST;
			break;
		}
		/* Else the entry aged out or moved meanwhile: try again. */
		if (!nvo_neigh_swap(vni, old, new))
			break;
	}
	rcu_read_unlock();
	return err;
}

int nvo_nl_neigh_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *nflags = info->attrs[NVO_A_NEIGH_FLAGS];
	struct nlattr *flags = info->attrs[NVO_A_FLAGS];
	struct nvo_neigh *new;
	struct in6_addr ip;
	struct nvo_vni *vni;
	const u8 *mac;
	bool room;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_nl_neigh_ip(info, true, &ip);
	if (err)
		return err;
	err = nvo_nl_mac(info, true, &mac);
	if (err)
		return err;
	/* Replacing an entry takes no room. */
	rcu_read_lock();
	room = nvo_neigh_lookup(vni, &ip) || nvo_neigh_room(vni, false);
	rcu_read_unlock();
	if (!room) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "the VNI's neighbour table is full (its max-neigh limit)");
		return -ENOSPC;
	}

	new = nvo_neigh_alloc(&ip, mac, NULL,
			      nflags && (nla_get_u32(nflags) & NVO_NEIGH_F_ROUTER),
			      GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	err = nvo_neigh_set(vni, new,
			    flags && (nla_get_u32(flags) & NVO_F_REPLACE),
			    info->extack);
	if (err) {
		kfree(new);
		return err;
	}
	nvo_vni_changed(vni);
	return 0;
}

int nvo_nl_neigh_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_neigh *n;
	struct in6_addr ip;
	struct nvo_vni *vni;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_nl_neigh_ip(info, false, &ip);
	if (err)
		return err;
	rcu_read_lock();
	n = nvo_neigh_lookup(vni, &ip);
	err = n ? nvo_neigh_remove(vni, n) : -ENOENT;
	rcu_read_unlock();
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[NVO_A_IP4] ?: info->attrs[NVO_A_IP6],
				    "no neighbour entry for this address in this VNI");
		return err;
	}
	nvo_vni_changed(vni);
	return 0;
}

static int nvo_neigh_fill(struct sk_buff *msg, struct netlink_callback *cb,
			  struct nvo_vni *vni, const void *obj)
{
	const struct nvo_neigh *n = obj;
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_NEIGH_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_VNI, vni->vni) ||
	    (ipv6_addr_v4mapped(&n->ip) ?
	     nla_put_in_addr(msg, NVO_A_IP4, n->ip.s6_addr32[3]) :
	     nla_put_in6_addr(msg, NVO_A_IP6, &n->ip)) ||
	    nla_put(msg, NVO_A_MAC, ETH_ALEN, n->mac) ||
	    nla_put_u32(msg, NVO_A_NEIGH_FLAGS, n->flags))
		goto err;
	if (nvo_neigh_learned(n) &&
	    (nla_put_u32(msg, NVO_A_AGE,
			 (jiffies - READ_ONCE(n->updated)) / HZ) ||
	     nla_put_u32(msg, NVO_A_PORT_IFINDEX, n->port->dev->ifindex) ||
	     nla_put_string(msg, NVO_A_PORT_IFNAME, n->port->dev->name)))
		goto err;
	genlmsg_end(msg, hdr);
	return 0;
err:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

int nvo_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvo_nl_table_dump(skb, cb, offsetof(struct nvo_vni, neigh),
				 nvo_neigh_fill);
}
