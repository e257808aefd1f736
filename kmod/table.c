// SPDX-License-Identifier: GPL-2.0
/*
 * Walks of the per-VNI hash tables (FDB, neighbours): pruning and ageing
 * from process context, and netlink dumps that hold their VNI across calls.
 */

#include <linux/rhashtable.h>

#include "nvo.h"
#include "netlink.h"

/* Removes the entries @match selects and says how many. The walk pauses
 * every so often, so that a large table holds up neither RCU nor the CPU;
 * a resize restarts it, so entries present throughout are all seen. It
 * pauses before it removes the entry it stands on: restarting from a
 * removed entry would skip the next one (rhashtable_walk_start_check()
 * keeps its count in the bucket). Callers hold the device's prune_lock:
 * a port's flush, which must see every entry, also holds RTNL, so under it
 * entries are only replaced in place or inserted (at worst seen twice);
 * ageing may miss one a delete removed meanwhile, until its next round.
 * Process context; the caller keeps @vni alive.
 */
unsigned int nvo_table_prune(struct nvo_vni *vni, struct rhashtable *ht,
			     bool (*match)(const void *obj, const void *arg),
			     int (*remove)(struct nvo_vni *vni, void *obj),
			     const void *arg)
{
	struct rhashtable_iter iter;
	unsigned int removed = 0, seen = 0;
	void *obj;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		if (IS_ERR(obj)) {
			if (PTR_ERR(obj) == -EAGAIN)
				continue;
			break;
		}
		if (++seen % 256 == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
		if (match(obj, arg) && !remove(vni, obj))
			removed++;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	if (removed)
		nvo_vni_changed(vni);
	return removed;
}

/* Learned FDB and neighbour entries not refreshed for the device's
 * ageing time go, VNI by VNI.
 */
void nvo_tables_age(struct nvo_dev *nvo)
{
	unsigned long timeout = READ_ONCE(nvo->cfg.ageing) * HZ, id = 0;
	struct nvo_vni *vni;

	while ((vni = nvo_vni_get_next(nvo, &id))) {
		mutex_lock(&nvo->prune_lock);
		nvo_fdb_age(vni, timeout);
		nvo_neigh_age(vni, timeout);
		mutex_unlock(&nvo->prune_lock);
		nvo_vni_put(vni);
		cond_resched();
	}
}

/* A dump walks one VNI's table at a time and holds that VNI across
 * calls, so the table outlives a VNI deleted meanwhile.
 */
struct nvo_table_dump {
	struct nvo_vni *vni;
	int gen;		/* the VNI's when its walk began */
	struct rhashtable_iter iter;
	unsigned long next;	/* the first VNI not visited yet */
	bool last;		/* no VNI after the current one */
};

int nvo_nl_table_start(struct netlink_callback *cb)
{
	struct nvo_table_dump *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	cb->args[2] = (long)d;
	return 0;
}

int nvo_nl_table_done(struct netlink_callback *cb)
{
	struct nvo_table_dump *d = (struct nvo_table_dump *)cb->args[2];

	if (d->vni) {
		rhashtable_walk_exit(&d->iter);
		nvo_vni_put(d->vni);
	}
	kfree(d);
	return 0;
}

/* Takes the next VNI to walk, or returns false when none is left. */
static bool nvo_table_next_vni(struct nvo_dev *nvo, struct nvo_table_dump *d,
			       const struct nlattr *filter, size_t table)
{
	if (d->last)
		return false;
	if (filter) {
		d->last = true;
		d->vni = nvo_vni_get(nvo, nla_get_u32(filter));
	} else {
		d->vni = nvo_vni_get_next(nvo, &d->next);
	}
	if (!d->vni) {
		d->last = true;
		return false;
	}
	d->gen = atomic_read(&d->vni->gen);
	rhashtable_walk_enter((void *)d->vni + table, &d->iter);
	return true;
}

/* Dumps the table at offset @table of each VNI (or of the one the request
 * names), one message per entry by @fill.
 */
int nvo_nl_table_dump(struct sk_buff *skb, struct netlink_callback *cb,
		      size_t table, nvo_table_fill_t fill)
{
	const struct nlattr *filter = genl_dumpit_info(cb)->attrs[NVO_A_VNI];
	struct nvo_table_dump *d = (struct nvo_table_dump *)cb->args[2];
	struct nvo_dev *nvo;
	unsigned int seq;
	void *obj;
	int err = 0;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	seq = cb->seq;
	while (d->vni || nvo_table_next_vni(nvo, d, filter, table)) {
		rhashtable_walk_start(&d->iter);
		while ((obj = rhashtable_walk_peek(&d->iter))) {
			if (IS_ERR(obj)) {
				if (PTR_ERR(obj) == -EAGAIN)
					continue;
				break;
			}
			/* A change to the device's objects, or to this
			 * VNI's table while it is walked, flags the
			 * message; other VNIs' tables may change.
			 */
			cb->seq = seq;
			if (atomic_read(&d->vni->gen) != d->gen)
				cb->seq ^= 1U << 31;
			if (fill(skb, cb, d->vni, obj)) {
				rhashtable_walk_stop(&d->iter);
				goto full;
			}
			rhashtable_walk_next(&d->iter);
		}
		rhashtable_walk_stop(&d->iter);
		rhashtable_walk_exit(&d->iter);
		nvo_vni_put(d->vni);
		d->vni = NULL;
	}
full:
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
