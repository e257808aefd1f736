// SPDX-License-Identifier: GPL-2.0
/*
 * Tenants of a device: the VNIs that name one share its conntrack zone (a
 * template carries it into nf_conntrack_in()) and its connection limit.
 *
 * The limit counts the connections nvo's firewall confirmed for the tenant.
 * Each holds a reference to its conntrack entry until the entry dies
 * (timeout, flush, conntrack -D), which a collection finds: at most every
 * NVO_TENANT_GC_GAP when the tenant is full, and every ageing period. So a
 * tenant cannot fill the host's conntrack table, and entries it no longer
 * has are given back within a second or so of its next new connection.
 */

#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "nvo.h"

#define NVO_TENANT_GC_GAP	(HZ / 10)

struct nvo_tenant_conn {
	struct list_head node;
	struct nf_conn *ct;
};

/* Caller holds tn->lock. */
static void nvo_tenant_gc_locked(struct nvo_tenant *tn)
{
	struct nvo_tenant_conn *c, *tmp;

	list_for_each_entry_safe(c, tmp, &tn->conns, node) {
		if (!nf_ct_is_dying(c->ct) && nf_ct_is_confirmed(c->ct))
			continue;
		list_del(&c->node);
		nf_ct_put(c->ct);
		kfree(c);
		tn->count--;
	}
	tn->last_gc = jiffies;
}

void nvo_tenant_gc_all(struct nvo_dev *nvo)
{
	struct nvo_tenant *tn;
	unsigned long id;

	rcu_read_lock();
	xa_for_each(&nvo->tenants, id, tn) {
		spin_lock_bh(&tn->lock);
		nvo_tenant_gc_locked(tn);
		spin_unlock_bh(&tn->lock);
	}
	rcu_read_unlock();
}

static void nvo_tenant_free_work(struct work_struct *work)
{
	struct nvo_tenant *tn = container_of(to_rcu_work(work),
					     struct nvo_tenant, free_work);
	struct nvo_tenant_conn *c, *tmp;

	list_for_each_entry_safe(c, tmp, &tn->conns, node) {
		nf_ct_put(c->ct);
		kfree(c);
	}
	nf_ct_put(tn->tmpl);
	kfree(tn);
}

/* The tenant @id of @nvo, made if no VNI names it yet. Under RTNL; each
 * call is balanced by nvo_tenant_put().
 */
struct nvo_tenant *nvo_tenant_get(struct nvo_dev *nvo, u16 id)
{
	struct nf_conntrack_zone zone;
	struct nvo_tenant *tn;
	int err;

	tn = xa_load(&nvo->tenants, id);
	if (tn) {
		tn->nvnis++;
		return tn;
	}
	tn = kzalloc(sizeof(*tn), GFP_KERNEL_ACCOUNT);
	if (!tn)
		return ERR_PTR(-ENOMEM);
	tn->id = id;
	tn->nvnis = 1;
	spin_lock_init(&tn->lock);
	INIT_LIST_HEAD(&tn->conns);
	tn->last_gc = jiffies - NVO_TENANT_GC_GAP;
	nf_ct_zone_init(&zone, id, NF_CT_DEFAULT_ZONE_DIR, 0);
	tn->tmpl = nf_ct_tmpl_alloc(dev_net(nvo->dev), &zone, GFP_KERNEL);
	if (!tn->tmpl) {
		kfree(tn);
		return ERR_PTR(-ENOMEM);
	}
	/* As nf_conntrack_in() expects of a template. */
	__set_bit(IPS_CONFIRMED_BIT, &tn->tmpl->status);
	err = xa_insert(&nvo->tenants, id, tn, GFP_KERNEL_ACCOUNT);
	if (err) {
		nf_ct_tmpl_free(tn->tmpl);
		kfree(tn);
		return ERR_PTR(err);
	}
	return tn;
}

/* Under RTNL. Readers found the tenant under RCU: it goes a grace period
 * after the last VNI left it.
 */
void nvo_tenant_put(struct nvo_dev *nvo, struct nvo_tenant *tn)
{
	if (--tn->nvnis)
		return;
	xa_erase(&nvo->tenants, tn->id);
	INIT_RCU_WORK(&tn->free_work, nvo_tenant_free_work);
	queue_rcu_work(nvo_wq, &tn->free_work);
}

/* Confirms @skb's new connection @ct if the tenant has room for it (the
 * device's max-conns, 0: no limit), and counts it. False when the tenant
 * is full: nothing was confirmed.
 */
bool nvo_tenant_charge(struct nvo_tenant *tn, struct sk_buff *skb,
		       struct nf_conn *ct, u32 limit, unsigned int *verdict)
{
	enum ip_conntrack_info ctinfo;
	struct nvo_tenant_conn *c;

	c = kmalloc(sizeof(*c), GFP_ATOMIC);
	if (!c) {
		*verdict = NF_DROP;
		return true;
	}
	spin_lock_bh(&tn->lock);
	if (tn->count >= limit &&
	    time_after_eq(jiffies, tn->last_gc + NVO_TENANT_GC_GAP))
		nvo_tenant_gc_locked(tn);
	if (tn->count >= limit) {
		spin_unlock_bh(&tn->lock);
		kfree(c);
		return false;
	}
	*verdict = nf_conntrack_confirm(skb);
	if (*verdict == NF_ACCEPT) {
		/* A clash may have given the frame another entry. */
		c->ct = nf_ct_get(skb, &ctinfo);
		nf_conntrack_get(&c->ct->ct_general);
		list_add_tail(&c->node, &tn->conns);
		tn->count++;
		c = NULL;
	}
	spin_unlock_bh(&tn->lock);
	kfree(c);
	return true;
}
