// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding database of a VNI: MAC -> local port or remote VTEP.
 *
 * Static entries come from the controller; entries for MACs seen on local
 * ports are learned (when the device learns) and age out. A learned entry
 * never overrides a static one. Entries are immutable once published:
 * every change replaces the entry and frees the old one after a grace
 * period, so readers never see a half-updated destination.
 */

#include <linux/jiffies.h>
#include <linux/rhashtable.h>

#include "nvo.h"
#include "netlink.h"

const struct rhashtable_params nvo_fdb_params = {
	.head_offset		= offsetof(struct nvo_fdb, node),
	.key_offset		= offsetof(struct nvo_fdb, mac),
	.key_len		= ETH_ALEN,
	.automatic_shrinking	= true,
};

int nvo_fdb_init(struct nvo_vni *vni)
{
	return rhashtable_init(&vni->fdb, &nvo_fdb_params);
}

static void nvo_fdb_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Only once no reader can reach the VNI any more. */
void nvo_fdb_destroy(struct nvo_vni *vni)
{
	rhashtable_free_and_destroy(&vni->fdb, nvo_fdb_free, NULL);
}

static struct nvo_fdb *nvo_fdb_alloc(const u8 *mac, struct nvo_port *port,
				     const struct nvo_addr *remote, u8 flags,
				     const u16 *sgs, unsigned int nsg,
				     gfp_t gfp)
{
	struct nvo_fdb *f = kzalloc(struct_size(f, sgs, nsg), gfp);

	if (!f)
		return NULL;
	f->nsg = nsg;
	if (nsg)
		memcpy(f->sgs, sgs, nsg * sizeof(*sgs));
	ether_addr_copy(f->mac, mac);
	f->flags = flags;
	f->port = port;
	if (remote)
		f->remote = *remote;
	f->updated = jiffies;
	return f;
}

static bool nvo_fdb_learned(const struct nvo_fdb *f)
{
	return f->flags & NVO_FDB_F_LEARNED;
}

/* A VNI's count, once it is out of its device: far enough below zero to
 * stay negative whatever its table still does.
 */
#define NVO_FDB_DETACHED	(INT_MIN / 2)

/* The device's count is the sum of its VNIs'. Learning may still insert
 * into a VNI while it is being removed, so the device's count moves first
 * and is put back when the VNI turned out to be gone: whichever way the
 * two race, nvo_fdb_detach() takes out exactly what the VNI held.
 */
static void nvo_fdb_count(struct nvo_vni *vni, int delta)
{
	atomic_add(delta, &vni->nvo->fdb_count);
	if (atomic_add_return(delta, &vni->fdb_count) < 0)
		atomic_sub(delta, &vni->nvo->fdb_count);
}

/* Under RTNL, once @vni is out of the device's table. */
void nvo_fdb_detach(struct nvo_vni *vni)
{
	atomic_sub(atomic_xchg(&vni->fdb_count, NVO_FDB_DETACHED),
		   &vni->nvo->fdb_count);
}

enum nvo_fdb_room {
	NVO_FDB_ROOM,
	NVO_FDB_FULL_VNI,
	NVO_FDB_FULL_DEV,
	NVO_FDB_FULL_LEARNED,
};

/* Whether one more entry fits, or which limit it would break. Concurrent
 * learners may each see room for the last one: a limit may be passed by
 * as many entries as there are CPUs.
 */
static enum nvo_fdb_room nvo_fdb_room(const struct nvo_vni *vni, bool learned)
{
	const struct nvo_dev *nvo = vni->nvo;
	u32 max;

	max = READ_ONCE(vni->max_fdb);
	/* Also full once detached: the count is then negative. */
	if (max && (u32)atomic_read(&vni->fdb_count) >= max)
		return NVO_FDB_FULL_VNI;
	max = READ_ONCE(nvo->cfg.max_fdb);
	if (max && (u32)atomic_read(&nvo->fdb_count) >= max)
		return NVO_FDB_FULL_DEV;
	if (!learned)
		return NVO_FDB_ROOM;
	max = READ_ONCE(vni->max_learned) ?: READ_ONCE(nvo->cfg.max_learned);
	if (max && (u32)atomic_read(&vni->fdb_learned) >= max)
		return NVO_FDB_FULL_LEARNED;
	return NVO_FDB_ROOM;
}

static int nvo_fdb_remove(struct nvo_vni *vni, struct nvo_fdb *f)
{
	if (rhashtable_remove_fast(&vni->fdb, &f->node, nvo_fdb_params))
		return -ENOENT;
	nvo_fdb_count(vni, -1);
	if (nvo_fdb_learned(f))
		atomic_dec(&vni->fdb_learned);
	kfree_rcu(f, rcu);
	return 0;
}

/* Replace @old by @new; fails if someone else removed or replaced @old. */
static int nvo_fdb_swap(struct nvo_vni *vni, struct nvo_fdb *old,
			struct nvo_fdb *new)
{
	int err;

	err = rhashtable_replace_fast(&vni->fdb, &old->node, &new->node,
				      nvo_fdb_params);
	if (err)
		return err;
	if (nvo_fdb_learned(old) != nvo_fdb_learned(new))
		atomic_add(nvo_fdb_learned(new) ? 1 : -1, &vni->fdb_learned);
	kfree_rcu(old, rcu);
	return 0;
}

static struct nvo_fdb *nvo_fdb_insert(struct nvo_vni *vni, struct nvo_fdb *new)
{
	struct nvo_fdb *old;

	old = rhashtable_lookup_get_insert_fast(&vni->fdb, &new->node,
						nvo_fdb_params);
	if (!old) {
		nvo_fdb_count(vni, 1);
		if (nvo_fdb_learned(new))
			atomic_inc(&vni->fdb_learned);
	}
	return old;
}

/* Packet path, under RCU: remember where @mac lives. */
void nvo_fdb_learn(struct nvo_vni *vni, const u8 *mac, struct nvo_port *port)
{
	struct nvo_fdb *f = nvo_fdb_lookup(vni, mac), *new;
	unsigned long now = jiffies;

	if (likely(f)) {
		if (!nvo_fdb_learned(f))
			return;
		if (likely(f->port == port)) {
			/* Written once a jiffy at most: keep the line shared. */
			if (READ_ONCE(f->updated) != now)
				WRITE_ONCE(f->updated, now);
			return;
		}
	} else if (nvo_fdb_room(vni, true) != NVO_FDB_ROOM) {
		nvo_learn_limited(vni, port);
		return;
	}

	new = nvo_fdb_alloc(mac, port, NULL, NVO_FDB_F_LEARNED, NULL, 0,
			    GFP_ATOMIC);
	if (!new)
		return;
	if (f ? nvo_fdb_swap(vni, f, new) : !!nvo_fdb_insert(vni, new)) {
		/* Lost a race with another writer; its entry stands. */
		kfree(new);
		return;
	}
	nvo_vni_changed(vni);
}

static int nvo_fdb_set(struct nvo_vni *vni, struct nvo_fdb *new, bool replace,
		       struct netlink_ext_ack *extack)
{
	struct nvo_fdb *old;
	int err = 0;

	rcu_read_lock();
	for (;;) {
		old = nvo_fdb_insert(vni, new);
		if (IS_ERR(old)) {
			NL_SET_ERR_MSG(extack, "cannot add to the FDB of this VNI");
			err = PTR_ERR(old);
			break;
		}
		if (!old)
			break;
		if (!nvo_fdb_learned(old) && !replace) {
			NL_SET_ERR_MSG(extack,
				       "an FDB entry for this MAC exists in this VNI; use replace");
			err = -EEXIST;
			break;
		}
		/* Else the entry aged out or moved meanwhile: try again. */
		if (!nvo_fdb_swap(vni, old, new))
			break;
	}
	rcu_read_unlock();
	return err;
}

static bool nvo_fdb_on_port(const void *f, const void *port)
{
	return ((const struct nvo_fdb *)f)->port == port;
}

static int nvo_fdb_prune_one(struct nvo_vni *vni, void *f)
{
	return nvo_fdb_remove(vni, f);
}

/* The port no longer receives (its rx_handler is gone): nothing can
 * learn it again while this runs under RTNL.
 */
void nvo_fdb_flush_port(struct nvo_port *port)
{
	mutex_lock(&port->nvo->prune_lock);
	nvo_table_prune(port->vni, &port->vni->fdb, nvo_fdb_on_port,
			nvo_fdb_prune_one, port);
	mutex_unlock(&port->nvo->prune_lock);
}

static bool nvo_fdb_expired(const void *obj, const void *timeout)
{
	const struct nvo_fdb *f = obj;

	return nvo_fdb_learned(f) &&
	       time_after(jiffies, READ_ONCE(f->updated) +
			  *(const unsigned long *)timeout);
}

/* Under the device's prune_lock. */
void nvo_fdb_age(struct nvo_vni *vni, unsigned long timeout)
{
	if (atomic_read(&vni->fdb_learned))
		nvo_table_prune(vni, &vni->fdb, nvo_fdb_expired,
				nvo_fdb_prune_one, &timeout);
}

/* The destination: a unicast remote VTEP, or a port of the same VNI. */
static int nvo_nl_fdb_dest(struct genl_info *info, struct nvo_vni *vni,
			   struct nvo_port **port, struct nvo_addr *remote)
{
	struct nlattr *rattr = info->attrs[NVO_A_REMOTE_IP4] ?:
			       info->attrs[NVO_A_REMOTE_IP6];
	bool has_port = info->attrs[NVO_A_PORT_IFINDEX] ||
			info->attrs[NVO_A_PORT_IFNAME];
	int err;

	*port = NULL;
	if (rattr && has_port) {
		NL_SET_ERR_MSG_ATTR(info->extack, rattr,
				    "give either a remote VTEP or a port, not both");
		return -EINVAL;
	}
	if (rattr)
		return nvo_nl_remote(info, remote);
	if (!has_port) {
		NVO_NL_MISSING(info->extack, NVO_A_REMOTE_IP4,
			       "missing destination: a remote VTEP or a port");
		return -EINVAL;
	}
	err = nvo_nl_port_find(info, port);
	if (err)
		return err;
	if ((*port)->vni != vni) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[NVO_A_PORT_IFINDEX] ?:
				    info->attrs[NVO_A_PORT_IFNAME],
				    "port is attached to another VNI");
		return -EINVAL;
	}
	return 0;
}

/* The groups of the port behind a remote entry's MAC: 16-bit ids, none
 * twice. They need not exist here: they are the sender's word for
 * remote-group rules, like the groups a frame carries.
 */
static int nvo_nl_fdb_sgs(struct genl_info *info, const struct nvo_port *port,
			  const u16 **ids, unsigned int *n)
{
	struct nlattr *attr = info->attrs[NVO_A_SG_IDS];

	*ids = NULL;
	*n = 0;
	if (!attr)
		return 0;
	if (port) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "a local port's groups are its own: set them on the port");
		return -EINVAL;
	}
	return nvo_sg_ids_get(NULL, attr, info->extack, ids, n);
}

/* Replacing an entry takes no room; a new one must fit every limit. */
static int nvo_nl_fdb_room(struct genl_info *info, struct nvo_vni *vni,
			   const u8 *mac)
{
	enum nvo_fdb_room room = NVO_FDB_ROOM;

	rcu_read_lock();
	if (!nvo_fdb_lookup(vni, mac))
		room = nvo_fdb_room(vni, false);
	rcu_read_unlock();
	switch (room) {
	case NVO_FDB_FULL_VNI:
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "the VNI's FDB is full (its max-fdb limit)");
		return -ENOSPC;
	case NVO_FDB_FULL_DEV:
		NL_SET_ERR_MSG(info->extack,
			       "the device's FDB is full (its max-fdb limit)");
		return -ENOSPC;
	default:
		return 0;
	}
}

int nvo_nl_fdb_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *flags = info->attrs[NVO_A_FLAGS];
	struct nvo_addr remote;
	struct nvo_port *port;
	struct nvo_vni *vni;
	struct nvo_fdb *new;
	unsigned int nsg;
	const u16 *sgs;
	const u8 *mac;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_nl_mac(info, true, &mac);
	if (err)
		return err;
	err = nvo_nl_fdb_dest(info, vni, &port, &remote);
	if (err)
		return err;
	err = nvo_nl_fdb_sgs(info, port, &sgs, &nsg);
	if (err)
		return err;
	err = nvo_nl_fdb_room(info, vni, mac);
	if (err)
		return err;

	new = nvo_fdb_alloc(mac, port, port ? NULL : &remote, 0, sgs, nsg,
			    GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	err = nvo_fdb_set(vni, new,
			  flags && (nla_get_u32(flags) & NVO_F_REPLACE),
			  info->extack);
	if (err) {
		kfree(new);
		return err;
	}
	nvo_vni_changed(vni);
	return 0;
}

int nvo_nl_fdb_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_vni *vni;
	struct nvo_fdb *f;
	const u8 *mac;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_nl_mac(info, false, &mac);
	if (err)
		return err;
	rcu_read_lock();
	f = nvo_fdb_lookup(vni, mac);
	err = f ? nvo_fdb_remove(vni, f) : -ENOENT;
	rcu_read_unlock();
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_MAC],
				    "no FDB entry for this MAC in this VNI");
		return err;
	}
	nvo_vni_changed(vni);
	return 0;
}

static int nvo_fdb_fill(struct sk_buff *msg, struct netlink_callback *cb,
			struct nvo_vni *vni, const void *obj)
{
	const struct nvo_fdb *f = obj;
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_FDB_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_VNI, vni->vni) ||
	    nla_put(msg, NVO_A_MAC, ETH_ALEN, f->mac) ||
	    nla_put_u32(msg, NVO_A_FDB_FLAGS, f->flags))
		goto err;
	if (f->port) {
		if (nla_put_u32(msg, NVO_A_PORT_IFINDEX, f->port->dev->ifindex) ||
		    nla_put_string(msg, NVO_A_PORT_IFNAME, f->port->dev->name))
			goto err;
	} else if (nvo_nl_put_remote(msg, &f->remote)) {
		goto err;
	}
	if (f->nsg &&
	    nla_put(msg, NVO_A_SG_IDS, f->nsg * sizeof(u16), f->sgs))
		goto err;
	if (nvo_fdb_learned(f) &&
	    nla_put_u32(msg, NVO_A_AGE,
			(jiffies - READ_ONCE(f->updated)) / HZ))
		goto err;
	genlmsg_end(msg, hdr);
	return 0;
err:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

int nvo_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvo_nl_table_dump(skb, cb, offsetof(struct nvo_vni, fdb),
				 nvo_fdb_fill);
}
