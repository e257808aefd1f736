// SPDX-License-Identifier: GPL-2.0
/*
 * Tenant networks: one per 24-bit VNI, each with its own FDB, flood list,
 * ports and counters.
 */

#include "nvo.h"
#include "netlink.h"

static void nvo_vni_free_work(struct work_struct *work)
{
	struct nvo_vni *vni = container_of(to_rcu_work(work), struct nvo_vni,
					   free_work);

	nvo_fdb_destroy(vni);
	nvo_neigh_destroy(vni);
	nvo_flood_free(vni);
	nvo_acl_free(vni);
	free_percpu(vni->stats);
	kfree(vni);
}

/* The last reference goes a grace period before the memory: packet-path
 * readers find VNIs under RCU without taking references.
 */
void nvo_vni_put(struct nvo_vni *vni)
{
	if (refcount_dec_and_test(&vni->refs)) {
		INIT_RCU_WORK(&vni->free_work, nvo_vni_free_work);
		queue_rcu_work(nvo_wq, &vni->free_work);
	}
}

/* For readers that sleep between looks, such as a dump: caller holds RCU. */
struct nvo_vni *nvo_vni_get(struct nvo_dev *nvo, u32 id)
{
	struct nvo_vni *vni = xa_load(&nvo->vnis, id);

	if (vni && !refcount_inc_not_zero(&vni->refs))
		vni = NULL;
	return vni;
}

/* The first VNI at or after *@id, with a reference; *@id moves past it. */
struct nvo_vni *nvo_vni_get_next(struct nvo_dev *nvo, unsigned long *id)
{
	struct nvo_vni *vni;

	rcu_read_lock();
	while ((vni = xa_find(&nvo->vnis, id, NVO_VNI_MAX, XA_PRESENT))) {
		(*id)++;
		if (refcount_inc_not_zero(&vni->refs))
			break;
	}
	rcu_read_unlock();
	return vni;
}

static struct nvo_vni *nvo_vni_create(struct nvo_dev *nvo, u32 id, u8 encap)
{
	struct nvo_vni *vni;
	int err = -ENOMEM;

	vni = kzalloc(sizeof(*vni), GFP_KERNEL_ACCOUNT);
	if (!vni)
		return ERR_PTR(-ENOMEM);
	vni->vni = id;
	vni->encap = encap;
	vni->nvo = nvo;
	refcount_set(&vni->refs, 1);
	INIT_LIST_HEAD(&vni->ports);
	vni->stats = nvo_stats_alloc();
	if (!vni->stats)
		goto err_free;
	err = nvo_fdb_init(vni);
	if (err)
		goto err_stats;
	err = nvo_neigh_init(vni);
	if (err)
		goto err_fdb;
	err = xa_insert(&nvo->vnis, id, vni, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_neigh;
	WRITE_ONCE(nvo->nvnis, nvo->nvnis + 1);
	return vni;

err_neigh:
	nvo_neigh_destroy(vni);
err_fdb:
	nvo_fdb_destroy(vni);
err_stats:
	free_percpu(vni->stats);
err_free:
	kfree(vni);
	return ERR_PTR(err);
}

static void nvo_vni_remove(struct nvo_dev *nvo, struct nvo_vni *vni)
{
	xa_erase(&nvo->vnis, vni->vni);
	WRITE_ONCE(nvo->nvnis, nvo->nvnis - 1);
	nvo_fdb_detach(vni);
	nvo_vni_tenant_release(vni);
	nvo_vni_put(vni);
}

/* Device teardown: its ports are already detached. */
void nvo_vni_flush(struct nvo_dev *nvo)
{
	struct nvo_vni *vni;
	unsigned long id;

	xa_for_each(&nvo->vnis, id, vni)
		nvo_vni_remove(nvo, vni);
	xa_destroy(&nvo->vnis);
}

static u8 nvo_nl_encap(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NVO_A_ENCAP];

	return attr ? nla_get_u8(attr) : NVO_ENCAP_UNSPEC;
}

/* What the request names; a new VNI starts with no limits of its own. */
static void nvo_vni_apply(struct nvo_vni *vni, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;

	if (attrs[NVO_A_ENCAP])
		WRITE_ONCE(vni->encap, nla_get_u8(attrs[NVO_A_ENCAP]));
	if (attrs[NVO_A_MAX_FDB])
		WRITE_ONCE(vni->max_fdb, nla_get_u32(attrs[NVO_A_MAX_FDB]));
	if (attrs[NVO_A_MAX_LEARNED])
		WRITE_ONCE(vni->max_learned,
			   nla_get_u32(attrs[NVO_A_MAX_LEARNED]));
	if (attrs[NVO_A_NEIGH_UNKNOWN])
		WRITE_ONCE(vni->neigh_unknown,
			   nla_get_u8(attrs[NVO_A_NEIGH_UNKNOWN]));
	if (attrs[NVO_A_NEIGH_LEARN])
		WRITE_ONCE(vni->neigh_learn,
			   nla_get_u8(attrs[NVO_A_NEIGH_LEARN]));
	if (attrs[NVO_A_MAX_NEIGH])
		WRITE_ONCE(vni->max_neigh, nla_get_u32(attrs[NVO_A_MAX_NEIGH]));
}

int nvo_nl_vni_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_tenant *tn;
	struct nvo_vni *vni;
	u32 id;
	int err;

	err = nvo_nl_vni_attr(info, &id);
	if (err)
		return err;
	if (nvo_vni_lookup(nvo, id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "VNI already exists on this device");
		return -EEXIST;
	}
	if (nvo->cfg.max_vnis && nvo->nvnis >= nvo->cfg.max_vnis) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "the device has as many VNIs as its max-vnis limit allows");
		return -ENOSPC;
	}
	err = nvo_vni_tenant_prepare(nvo, NULL, info, &tn);
	if (err)
		return err;
	vni = nvo_vni_create(nvo, id, nvo_nl_encap(info));
	if (IS_ERR(vni)) {
		nvo_vni_tenant_abort(nvo, tn);
		return PTR_ERR(vni);
	}
	nvo_vni_apply(vni, info);
	nvo_vni_tenant_commit(vni, info, tn);
	nvo_changed(nvo);
	return 0;
}

int nvo_nl_vni_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_vni *vni;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	if (vni->nports) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "VNI still has ports attached; detach them first");
		return -EBUSY;
	}
	if (rtnl_dereference(vni->rif)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "VNI has a router interface; delete it first");
		return -EBUSY;
	}
	nvo_vni_remove(nvo, vni);
	nvo_changed(nvo);
	return 0;
}

/* Only what the request names changes. */
int nvo_nl_vni_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_tenant *tn;
	struct nvo_vni *vni;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_vni_tenant_prepare(info->user_ptr[0], vni, info, &tn);
	if (err)
		return err;
	nvo_vni_apply(vni, info);
	nvo_vni_tenant_commit(vni, info, tn);
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_vni_fill(struct sk_buff *msg, struct nvo_dev *nvo,
			struct nvo_vni *vni, struct netlink_callback *cb,
			struct genl_info *info)
{
	struct nvo_flood *fl = rcu_dereference_rtnl(vni->flood);
	struct nvo_tenant *tn = rcu_dereference_rtnl(vni->tn);
	u32 mtu, overhead;
	void *hdr;

	nvo_tunnel_mtu(nvo, vni, &mtu, &overhead);
	hdr = nvo_nl_put(msg, cb, info, NVO_CMD_VNI_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, nvo->dev->ifindex) ||
	    nla_put_u32(msg, NVO_A_VNI, vni->vni) ||
	    nla_put_u32(msg, NVO_A_PORT_COUNT, READ_ONCE(vni->nports)) ||
	    nla_put_u32(msg, NVO_A_FDB_COUNT,
			max(atomic_read(&vni->fdb_count), 0)) ||
	    nla_put_u32(msg, NVO_A_LEARNED_COUNT,
			atomic_read(&vni->fdb_learned)) ||
	    nla_put_u32(msg, NVO_A_MAX_FDB, READ_ONCE(vni->max_fdb)) ||
	    nla_put_u32(msg, NVO_A_MAX_LEARNED, READ_ONCE(vni->max_learned)) ||
	    nla_put_u32(msg, NVO_A_FLOOD_COUNT, fl ? fl->n : 0) ||
	    nla_put_u32(msg, NVO_A_NEIGH_COUNT,
			atomic_read(&vni->neigh_count)) ||
	    nla_put_u8(msg, NVO_A_NEIGH_UNKNOWN, READ_ONCE(vni->neigh_unknown)) ||
	    nla_put_u8(msg, NVO_A_NEIGH_LEARN, READ_ONCE(vni->neigh_learn)) ||
	    nla_put_u32(msg, NVO_A_MAX_NEIGH, READ_ONCE(vni->max_neigh)) ||
	    nla_put_u8(msg, NVO_A_ENCAP, READ_ONCE(vni->encap)) ||
	    nla_put_u32(msg, NVO_A_OVERHEAD, overhead) ||
	    nla_put_u32(msg, NVO_A_MTU, mtu) ||
	    (tn && (nla_put_u16(msg, NVO_A_TENANT, tn->id) ||
		    nla_put_u32(msg, NVO_A_CONN_COUNT, READ_ONCE(tn->count)))) ||
	    nvo_stats_put(msg, vni->stats)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int nvo_nl_vni_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_vni *vni;
	struct sk_buff *msg;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = nvo_vni_fill(msg, nvo, vni, NULL, info);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[1]: the next VNI to dump. */
int nvo_nl_vni_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[1];
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	int err = 0;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->vnis, id, vni, id) {
		if (nvo_vni_fill(skb, nvo, vni, cb, NULL))
			break;
		cb->args[1] = id + 1;
	}
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
