// SPDX-License-Identifier: GPL-2.0
/*
 * Flood lists: the remote VTEPs of a VNI that get a copy of broadcast,
 * multicast and unknown-unicast frames (head-end replication). A list is
 * a small array, replaced whole on change so readers need no lock.
 */

#include "nvo.h"
#include "netlink.h"

void nvo_flood_free(struct nvo_vni *vni)
{
	kfree(rcu_dereference_protected(vni->flood, true));
}

static int nvo_flood_find(const struct nvo_flood *fl,
			  const struct nvo_addr *ip)
{
	unsigned int i;

	for (i = 0; fl && i < fl->n; i++)
		if (nvo_addr_equal(&fl->remote[i], ip))
			return i;
	return -1;
}

/* Is @remote a VTEP of @vni? Caller holds RCU. */
bool nvo_flood_has(struct nvo_vni *vni, const struct nvo_addr *remote)
{
	return nvo_flood_find(rcu_dereference(vni->flood), remote) >= 0;
}

static int nvo_flood_update(struct nvo_vni *vni, const struct nvo_addr *ip,
			    bool add, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NVO_A_REMOTE_IP4] ?:
			      info->attrs[NVO_A_REMOTE_IP6];
	struct nvo_flood *old = rtnl_dereference(vni->flood), *new = NULL;
	unsigned int n = old ? old->n : 0;
	int pos = nvo_flood_find(old, ip);

	if (add && pos >= 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "remote is already in the flood list of this VNI");
		return -EEXIST;
	}
	if (add && n >= NVO_FLOOD_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "flood list of this VNI is full");
		return -ENOSPC;
	}
	if (!add && pos < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "remote is not in the flood list of this VNI");
		return -ENOENT;
	}

	n += add ? 1 : -1;
	if (n) {
		new = kmalloc(struct_size(new, remote, n), GFP_KERNEL_ACCOUNT);
		if (!new)
			return -ENOMEM;
		new->n = 0;
		if (old) {
			unsigned int i;

			for (i = 0; i < old->n; i++)
				if (i != pos)
					new->remote[new->n++] = old->remote[i];
		}
		if (add)
			new->remote[new->n++] = *ip;
	}
	rcu_assign_pointer(vni->flood, new);
	if (old)
		kfree_rcu(old, rcu);
	nvo_changed(vni->nvo);
	return 0;
}

static int nvo_nl_flood_set(struct genl_info *info, bool add)
{
	struct nvo_addr ip;
	struct nvo_vni *vni;
	int err;

	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_nl_remote(info, &ip);
	if (err)
		return err;
	return nvo_flood_update(vni, &ip, add, info);
}

int nvo_nl_flood_new(struct sk_buff *skb, struct genl_info *info)
{
	return nvo_nl_flood_set(info, true);
}

int nvo_nl_flood_del(struct sk_buff *skb, struct genl_info *info)
{
	return nvo_nl_flood_set(info, false);
}

static int nvo_flood_fill(struct sk_buff *msg, struct netlink_callback *cb,
			  u32 vni, const struct nvo_addr *ip)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_FLOOD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, cb->args[0]) ||
	    nla_put_u32(msg, NVO_A_VNI, vni) ||
	    nvo_nl_put_remote(msg, ip)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[1]: the VNI being dumped, cb->args[2]: the next entry in it. */
int nvo_nl_flood_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nlattr *filter = genl_dumpit_info(cb)->attrs[NVO_A_VNI];
	unsigned long id, first = cb->args[1], last = NVO_VNI_MAX;
	struct nvo_flood *fl;
	struct nvo_vni *vni;
	struct nvo_dev *nvo;
	int err;

	if (filter) {
		last = nla_get_u32(filter);
		first = max(first, last);
	}
	if (first > last)
		return 0;
	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_range(&nvo->vnis, id, vni, first, last) {
		fl = rcu_dereference(vni->flood);
		if (id != cb->args[1])
			cb->args[2] = 0;
		cb->args[1] = id;
		for (; fl && cb->args[2] < fl->n; cb->args[2]++)
			if (nvo_flood_fill(skb, cb, vni->vni,
					   &fl->remote[cb->args[2]]))
				goto full;
	}
	cb->args[1] = last + 1;
full:
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
