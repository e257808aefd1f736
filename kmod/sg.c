// SPDX-License-Identifier: GPL-2.0
/*
 * Security groups and their rules, the groups of a port, and the tenant of
 * a VNI whose conntrack zone the firewall uses. Configuration only: fw.c
 * reads all of it under RCU.
 *
 * Every check runs before the first change: a refused request leaves the
 * groups, the rules and the ports as they were.
 */

#include <net/netfilter/nf_conntrack_core.h>

#include "nvo.h"
#include "netlink.h"

static struct nvo_sg *nvo_sg_find(struct genl_info *info, struct nlattr *attr)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_sg *sg;

	if (!attr) {
		NVO_NL_MISSING(info->extack, NVO_A_SG_ID,
			       "missing security group id");
		return ERR_PTR(-EINVAL);
	}
	sg = xa_load(&nvo->sgs, nla_get_u16(attr));
	if (!sg) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "security group does not exist on this device");
		return ERR_PTR(-ENOENT);
	}
	return sg;
}

static struct nvo_sg *nvo_sg_by_name(struct nvo_dev *nvo, const char *name)
{
	struct nvo_sg *sg;
	unsigned long id;

	xa_for_each(&nvo->sgs, id, sg)
		if (sg->name[0] && !strcmp(sg->name, name))
			return sg;
	return NULL;
}

const struct rhashtable_params nvo_rule_params = {
	.key_len		= sizeof(struct nvo_rule_ikey),
	.key_offset		= offsetof(struct nvo_rule_ent, ikey),
	.head_offset		= offsetof(struct nvo_rule_ent, hnode),
	.automatic_shrinking	= true,
};

/* [@lo, @hi] as aligned blocks, each the ports whose top @class bits are
 * those of @first: the largest that fits, from the low end.
 */
static unsigned int nvo_port_blocks(u32 lo, u32 hi, u16 *first, u8 *class)
{
	unsigned int n = 0, k;

	while (lo <= hi) {
		k = lo ? __ffs(lo) : 16;
		while (lo + BIT(k) - 1 > hi)
			k--;
		first[n] = lo;
		class[n++] = 16 - k;
		lo += BIT(k);
	}
	return n;
}

/* The blocks under which the index finds @r: those of its port range,
 * its ICMP type and code (type << 8 | code, as conntrack's tuple has
 * them), or its protocol or none with any port.
 */
static unsigned int nvo_rule_blocks(const struct nvo_rule *r, u16 *first,
				    u8 *class)
{
	if (r->has_ports)
		return nvo_port_blocks(r->port_min, r->port_max, first, class);
	if (r->icmp_type >= 0) {
		first[0] = r->icmp_type << 8 |
			   (r->icmp_code >= 0 ? r->icmp_code : 0);
		class[0] = r->icmp_code >= 0 ? 16 : 8;
		return 1;
	}
	first[0] = 0;
	class[0] = r->proto ? 0 : NVO_RULE_PP_ANY;
	return 1;
}

static void nvo_rule_ent_init(struct nvo_rule *r, struct nvo_rule_ent *e,
			      u16 first, u8 class)
{
	struct nvo_rule_ikey *k = &e->ikey;

	e->rule = r;
	memset(k, 0, sizeof(*k));
	k->pp = nvo_rule_pp(class, class == NVO_RULE_PP_ANY ? 0 : r->proto,
			    first);
	nvo_rule_ikey_net(k, r->remote.family == AF_INET6, &r->remote.ip4,
			  r->remote.family ? r->prefix : r->remote_sg ?
			  NVO_RULE_SG : NVO_RULE_NO_CIDR);
	if (r->remote_sg)
		k->net[0] = cpu_to_be32(r->remote_sg);
}

/* A rule as @tmp describes it, with its index entries. */
static struct nvo_rule *nvo_rule_alloc(const struct nvo_rule *tmp)
{
	u16 first[NVO_RULE_ENTS_MAX];
	u8 class[NVO_RULE_ENTS_MAX];
	struct nvo_rule *r;
	unsigned int i, n;

	n = nvo_rule_blocks(tmp, first, class);
	r = kzalloc(struct_size(r, ents, n), GFP_KERNEL_ACCOUNT);
	if (!r)
		return NULL;
	*r = *tmp;
	r->nents = n;
	for (i = 0; i < n; i++)
		nvo_rule_ent_init(r, &r->ents[i], first[i], class[i]);
	return r;
}

static struct nvo_rule_set *nvo_rule_set(struct nvo_sg *sg,
					 const struct nvo_rule *r)
{
	return &sg->sets[r->dir - 1][r->ethertype == ETH_P_IPV6];
}

static bool nvo_rule_equal(const struct nvo_rule *a, const struct nvo_rule *b)
{
	return a->dir == b->dir && a->ethertype == b->ethertype &&
	       a->proto == b->proto && a->has_ports == b->has_ports &&
	       (!a->has_ports || (a->port_min == b->port_min &&
				  a->port_max == b->port_max)) &&
	       a->icmp_type == b->icmp_type && a->icmp_code == b->icmp_code &&
	       a->remote_sg == b->remote_sg &&
	       a->remote.family == b->remote.family &&
	       (!a->remote.family || (a->prefix == b->prefix &&
				      nvo_addr_equal(&a->remote, &b->remote)));
}

/* An identical rule in @set: it has the same first block. RTNL. */
static bool nvo_rule_dup(struct nvo_rule_set *set, const struct nvo_rule *r)
{
	struct rhlist_head *list, *pos;
	struct nvo_rule_ent *e;
	bool dup = false;

	rcu_read_lock();
	list = rhltable_lookup(&set->idx, &r->ents[0].ikey, nvo_rule_params);
	rhl_for_each_entry_rcu(e, pos, list, hnode)
		if (nvo_rule_equal(e->rule, r)) {
			dup = true;
			break;
		}
	rcu_read_unlock();
	return dup;
}

static void nvo_rule_class_count(struct nvo_rule_set *set, unsigned int i,
				 u8 class, int delta)
{
	u32 *classes = &set->classes[i];

	set->nclass[i][class] += delta;
	WRITE_ONCE(*classes, set->nclass[i][class] ? *classes | BIT(class) :
		   *classes & ~BIT(class));
}

/* Rules of any protocol are probed for every packet. */
static void nvo_rule_ent_count(struct nvo_rule_set *set,
			       const struct nvo_rule_ent *e, int delta)
{
	u8 plen = e->ikey.plen, class = e->ikey.pp >> 24;

	set->nplen[plen] += delta;
	if (set->nplen[plen])
		set_bit(plen, set->plens);
	else
		clear_bit(plen, set->plens);
	if (class == NVO_RULE_PP_ANY) {
		nvo_rule_class_count(set, 0, class, delta);
		nvo_rule_class_count(set, 1, class, delta);
	} else {
		nvo_rule_class_count(set, nvo_rule_icmp(e->rule->proto), class,
				     delta);
	}
}

/* The first @n entries of @r leave the index. */
static void nvo_rule_unlink_n(struct nvo_rule_set *set, struct nvo_rule *r,
			      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		rhltable_remove(&set->idx, &r->ents[i].hnode, nvo_rule_params);
		nvo_rule_ent_count(set, &r->ents[i], -1);
	}
}

static int nvo_rule_link(struct nvo_rule_set *set, struct nvo_rule *r)
{
	unsigned int i;
	int err;

	for (i = 0; i < r->nents; i++) {
		err = rhltable_insert(&set->idx, &r->ents[i].hnode,
				      nvo_rule_params);
		if (err) {
			nvo_rule_unlink_n(set, r, i);
			return err;
		}
		nvo_rule_ent_count(set, &r->ents[i], 1);
	}
	return 0;
}

static void nvo_rule_unlink(struct nvo_rule_set *set, struct nvo_rule *r)
{
	nvo_rule_unlink_n(set, r, r->nents);
}

/* @n rule sets were set up. */
static void nvo_sg_free(struct nvo_sg *sg, int n)
{
	struct nvo_rule *r, *tmp;
	int i;

	for (i = 0; i < n; i++)
		rhltable_destroy(&sg->sets[i / 2][i % 2].idx);
	list_for_each_entry_safe(r, tmp, &sg->rules, node)
		kfree(r);
	xa_destroy(&sg->ids);
	kfree(sg);
}

static void nvo_sg_free_work(struct work_struct *work)
{
	nvo_sg_free(container_of(to_rcu_work(work), struct nvo_sg, free_work),
		    NVO_RULE_DIR_MAX * 2);
}

/* Readers find groups under RCU; the index teardown may sleep. */
static void nvo_sg_free_rcu(struct nvo_sg *sg)
{
	INIT_RCU_WORK(&sg->free_work, nvo_sg_free_work);
	queue_rcu_work(nvo_wq, &sg->free_work);
}

/* Device teardown: its ports are gone already. */
void nvo_sg_flush(struct nvo_dev *nvo)
{
	struct nvo_sg *sg;
	unsigned long id;

	xa_for_each(&nvo->sgs, id, sg) {
		xa_erase(&nvo->sgs, id);
		nvo_sg_free_rcu(sg);
	}
	xa_destroy(&nvo->sgs);
	nvo->nsgs = 0;
}

int nvo_nl_sg_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *name = info->attrs[NVO_A_SG_NAME];
	struct nlattr *id = info->attrs[NVO_A_SG_ID];
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_sg *sg, *other;
	int err, i;

	if (!id) {
		NVO_NL_MISSING(info->extack, NVO_A_SG_ID,
			       "missing security group id");
		return -EINVAL;
	}
	other = name ? nvo_sg_by_name(nvo, nla_data(name)) : NULL;
	sg = xa_load(&nvo->sgs, nla_get_u16(id));
	if (other && other != sg) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "another security group has that name");
		return -EEXIST;
	}
	if (sg) {
		if (!info->attrs[NVO_A_FLAGS] ||
		    !(nla_get_u32(info->attrs[NVO_A_FLAGS]) & NVO_F_REPLACE)) {
			NL_SET_ERR_MSG_ATTR(info->extack, id,
					    "security group exists on this device");
			return -EEXIST;
		}
		/* Readers of the name hold RTNL. */
		if (name)
			nla_strscpy(sg->name, name, sizeof(sg->name));
		nvo_changed(nvo);
		return 0;
	}
	sg = kzalloc(sizeof(*sg), GFP_KERNEL_ACCOUNT);
	if (!sg)
		return -ENOMEM;
	sg->id = nla_get_u16(id);
	if (name)
		nla_strscpy(sg->name, name, sizeof(sg->name));
	INIT_LIST_HEAD(&sg->rules);
	xa_init(&sg->ids);
	for (i = 0; i < NVO_RULE_DIR_MAX * 2; i++) {
		err = rhltable_init(&sg->sets[i / 2][i % 2].idx,
				    &nvo_rule_params);
		if (err)
			goto err_free;
	}
	err = xa_insert(&nvo->sgs, sg->id, sg, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_free;
	nvo->nsgs++;
	nvo_changed(nvo);
	return 0;

err_free:
	nvo_sg_free(sg, i);
	return err;
}

/* A rule of another group whose remote group is @sg, or NULL. */
static struct nvo_rule *nvo_sg_referrer(struct nvo_dev *nvo,
					const struct nvo_sg *sg)
{
	struct nvo_rule *r;
	struct nvo_sg *o;
	unsigned long id;

	xa_for_each(&nvo->sgs, id, o) {
		if (o == sg)
			continue;
		list_for_each_entry(r, &o->rules, node)
			if (r->remote_sg == sg->id)
				return r;
	}
	return NULL;
}

int nvo_nl_sg_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NVO_A_SG_ID];
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nvo_sg *sg;

	sg = nvo_sg_find(info, attr);
	if (IS_ERR(sg))
		return PTR_ERR(sg);
	if (sg->nports) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "security group is in use by ports");
		return -EBUSY;
	}
	if (nvo_sg_referrer(nvo, sg)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "security group is the remote group of another group's rule");
		return -EBUSY;
	}
	xa_erase(&nvo->sgs, sg->id);
	nvo->nsgs--;
	nvo_sg_free_rcu(sg);
	nvo_changed(nvo);
	return 0;
}

static int nvo_sg_fill(struct sk_buff *msg, struct nvo_dev *nvo,
		       const struct nvo_sg *sg, struct netlink_callback *cb,
		       struct genl_info *info)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, info, NVO_CMD_SG_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, nvo->dev->ifindex) ||
	    nla_put_u16(msg, NVO_A_SG_ID, sg->id) ||
	    nla_put_string(msg, NVO_A_SG_NAME, sg->name) ||
	    nla_put_u32(msg, NVO_A_RULE_COUNT, READ_ONCE(sg->nrules)) ||
	    nla_put_u32(msg, NVO_A_PORT_COUNT, READ_ONCE(sg->nports))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int nvo_nl_sg_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct nvo_sg *sg;
	int err;

	sg = nvo_sg_find(info, info->attrs[NVO_A_SG_ID]);
	if (IS_ERR(sg))
		return PTR_ERR(sg);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = nvo_sg_fill(msg, info->user_ptr[0], sg, NULL, info);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* A dump reads the name while RTNL may change it: it holds RTNL too. */
int nvo_nl_sg_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[1];
	struct nvo_dev *nvo;
	struct nvo_sg *sg;
	int err;

	rtnl_lock();
	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	rcu_read_unlock();
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->sgs, id, sg, id) {
		if (nvo_sg_fill(skb, nvo, sg, cb, NULL))
			break;
		cb->args[1] = id + 1;
	}
	err = skb->len;
out:
	rtnl_unlock();
	return err;
}

/* --- rules ----------------------------------------------------------- */

static struct nvo_rule *nvo_rule_find(struct nvo_sg *sg, u32 id)
{
	return xa_load(&sg->ids, id);
}

/* The group's highest rule id, 0 with none. */
static u32 nvo_rule_max_id(struct nvo_sg *sg)
{
	struct nvo_rule *r;
	u32 max = 0;

	list_for_each_entry(r, &sg->rules, node)
		max = max(max, r->id);
	return max;
}

/* After the largest id in use; 0 when that is U32_MAX. The largest is
 * found again only when asked, so that deleting rules from the top stays
 * linear.
 */
static u32 nvo_rule_next_id(struct nvo_sg *sg)
{
	if (sg->max_id_stale) {
		sg->max_id = nvo_rule_max_id(sg);
		sg->max_id_stale = false;
	}
	return sg->max_id + 1;
}

static int nvo_rule_remote(struct genl_info *info, struct nvo_rule *r)
{
	struct nlattr *rsg = info->attrs[NVO_A_RULE_REMOTE_SG];
	struct nvo_dev *nvo = info->user_ptr[0];
	int err;

	err = nvo_nl_cidr(info, NVO_A_RULE_REMOTE_IP4, NVO_A_RULE_REMOTE_IP6,
			  NVO_A_RULE_REMOTE_PREFIX, r->ethertype, &r->remote,
			  &r->prefix);
	if (err || !rsg)
		return err;
	if (r->remote.family) {
		NL_SET_ERR_MSG_ATTR(info->extack, rsg,
				    "give a remote address or a remote group, not both");
		return -EINVAL;
	}
	if (!xa_load(&nvo->sgs, nla_get_u16(rsg)) &&
	    nla_get_u16(rsg) != nla_get_u16(info->attrs[NVO_A_SG_ID])) {
		NL_SET_ERR_MSG_ATTR(info->extack, rsg,
				    "remote security group does not exist on this device");
		return -ENOENT;
	}
	r->remote_sg = nla_get_u16(rsg);
	return 0;
}

/* The rule a NEW request describes, checked whole. */
static int nvo_rule_parse(struct genl_info *info, struct nvo_rule *r)
{
	struct nlattr **attrs = info->attrs;
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *itype = attrs[NVO_A_RULE_ICMP_TYPE];
	struct nlattr *icode = attrs[NVO_A_RULE_ICMP_CODE];
	u8 icmp;
	int err;

	if (!attrs[NVO_A_RULE_DIR]) {
		NVO_NL_MISSING(extack, NVO_A_RULE_DIR,
			       "missing rule direction (ingress or egress)");
		return -EINVAL;
	}
	if (!attrs[NVO_A_RULE_ETHERTYPE]) {
		NVO_NL_MISSING(extack, NVO_A_RULE_ETHERTYPE,
			       "missing rule ethertype (IPv4 or IPv6)");
		return -EINVAL;
	}
	r->dir = nla_get_u8(attrs[NVO_A_RULE_DIR]);
	r->ethertype = nla_get_u16(attrs[NVO_A_RULE_ETHERTYPE]);
	if (r->ethertype != ETH_P_IP && r->ethertype != ETH_P_IPV6) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[NVO_A_RULE_ETHERTYPE],
				    "ethertype must be IPv4 (0x0800) or IPv6 (0x86dd)");
		return -EINVAL;
	}
	r->proto = attrs[NVO_A_RULE_PROTO] ?
		   nla_get_u8(attrs[NVO_A_RULE_PROTO]) : 0;
	err = nvo_nl_ports(info, r->proto, &r->has_ports, &r->port_min,
			   &r->port_max);
	if (err)
		return err;
	r->icmp_type = -1;
	r->icmp_code = -1;
	if (itype || icode) {
		icmp = r->ethertype == ETH_P_IP ? IPPROTO_ICMP : IPPROTO_ICMPV6;
		if (r->proto != icmp) {
			NL_SET_ERR_MSG_ATTR(extack, itype ?: icode,
					    "ICMP type and code need protocol ICMP (IPv4) or ICMPv6 (IPv6)");
			return -EINVAL;
		}
		if (!itype) {
			NL_SET_ERR_MSG_ATTR(extack, icode,
					    "an ICMP code needs an ICMP type");
			return -EINVAL;
		}
		r->icmp_type = nla_get_u8(itype);
		if (icode)
			r->icmp_code = nla_get_u8(icode);
	}
	return nvo_rule_remote(info, r);
}

int nvo_nl_rule_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	struct nlattr *idattr = info->attrs[NVO_A_RULE_ID];
	struct nvo_rule tmp = {};
	struct nvo_rule_set *set;
	struct nvo_rule *r;
	struct nvo_sg *sg;
	int err;

	sg = nvo_sg_find(info, info->attrs[NVO_A_SG_ID]);
	if (IS_ERR(sg))
		return PTR_ERR(sg);
	if (sg->nrules >= NVO_SG_RULE_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_SG_ID],
				    "security group has as many rules as it may");
		return -ENOSPC;
	}
	err = nvo_rule_parse(info, &tmp);
	if (err)
		return err;
	tmp.id = idattr ? nla_get_u32(idattr) : nvo_rule_next_id(sg);
	if (!tmp.id) {
		NVO_NL_MISSING(info->extack, NVO_A_RULE_ID,
			       "the group has a rule of the largest id: give the new one an id");
		return -ENOSPC;
	}
	if (idattr && nvo_rule_find(sg, tmp.id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, idattr,
				    "rule id exists in this security group");
		return -EEXIST;
	}
	r = nvo_rule_alloc(&tmp);
	if (!r)
		return -ENOMEM;
	set = nvo_rule_set(sg, r);
	if (nvo_rule_dup(set, r)) {
		NL_SET_ERR_MSG(info->extack,
			       "an identical rule exists in this security group");
		kfree(r);
		return -EEXIST;
	}
	err = xa_insert(&sg->ids, r->id, r, GFP_KERNEL_ACCOUNT);
	if (err) {
		kfree(r);
		return err;
	}
	err = nvo_rule_link(set, r);
	if (err) {
		xa_erase(&sg->ids, r->id);
		/* Its first blocks were in the index for a while. */
		kfree_rcu(r, rcu);
		return err;
	}
	sg->max_id = max(sg->max_id, r->id);
	list_add_tail(&r->node, &sg->rules);
	WRITE_ONCE(sg->nrules, sg->nrules + 1);
	nvo_changed(nvo);
	return 0;
}

int nvo_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *idattr = info->attrs[NVO_A_RULE_ID];
	struct nvo_rule *r;
	struct nvo_sg *sg;

	sg = nvo_sg_find(info, info->attrs[NVO_A_SG_ID]);
	if (IS_ERR(sg))
		return PTR_ERR(sg);
	if (!idattr) {
		NVO_NL_MISSING(info->extack, NVO_A_RULE_ID, "missing rule id");
		return -EINVAL;
	}
	r = nvo_rule_find(sg, nla_get_u32(idattr));
	if (!r) {
		NL_SET_ERR_MSG_ATTR(info->extack, idattr,
				    "rule does not exist in this security group");
		return -ENOENT;
	}
	nvo_rule_unlink(nvo_rule_set(sg, r), r);
	xa_erase(&sg->ids, r->id);
	list_del(&r->node);
	if (r->id == sg->max_id)
		sg->max_id_stale = true;
	WRITE_ONCE(sg->nrules, sg->nrules - 1);
	kfree_rcu(r, rcu);
	nvo_changed(info->user_ptr[0]);
	return 0;
}

static int nvo_rule_fill(struct sk_buff *msg, struct nvo_dev *nvo,
			 const struct nvo_sg *sg, const struct nvo_rule *r,
			 struct netlink_callback *cb)
{
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_RULE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, nvo->dev->ifindex) ||
	    nla_put_u16(msg, NVO_A_SG_ID, sg->id) ||
	    nla_put_u32(msg, NVO_A_RULE_ID, r->id) ||
	    nla_put_u8(msg, NVO_A_RULE_DIR, r->dir) ||
	    nla_put_u16(msg, NVO_A_RULE_ETHERTYPE, r->ethertype) ||
	    nla_put_u8(msg, NVO_A_RULE_PROTO, r->proto) ||
	    (r->has_ports &&
	     (nla_put_u16(msg, NVO_A_RULE_PORT_MIN, r->port_min) ||
	      nla_put_u16(msg, NVO_A_RULE_PORT_MAX, r->port_max))) ||
	    (r->icmp_type >= 0 &&
	     nla_put_u8(msg, NVO_A_RULE_ICMP_TYPE, r->icmp_type)) ||
	    (r->icmp_code >= 0 &&
	     nla_put_u8(msg, NVO_A_RULE_ICMP_CODE, r->icmp_code)) ||
	    nvo_nl_put_cidr(msg, NVO_A_RULE_REMOTE_IP4, NVO_A_RULE_REMOTE_IP6,
			    NVO_A_RULE_REMOTE_PREFIX, &r->remote, r->prefix) ||
	    (r->remote_sg &&
	     nla_put_u16(msg, NVO_A_RULE_REMOTE_SG, r->remote_sg)) ||
	    nla_put_u64_64bit(msg, NVO_A_RULE_HITS, atomic64_read(&r->hits),
			      NVO_A_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[1]: the group being dumped; cb->args[2]: rules of it done.
 * Under RTNL, so that the lists stay still within one part.
 */
int nvo_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *sgattr = genl_dumpit_info(cb)->attrs[NVO_A_SG_ID];
	unsigned long id = cb->args[1];
	struct nvo_dev *nvo;
	struct nvo_rule *r;
	struct nvo_sg *sg;
	long n;
	int err;

	rtnl_lock();
	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	rcu_read_unlock();
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	if (sgattr && !cb->args[1] && !cb->args[2] &&
	    !xa_load(&nvo->sgs, nla_get_u16(sgattr))) {
		NL_SET_ERR_MSG_ATTR(cb->extack, sgattr,
				    "security group does not exist on this device");
		err = -ENOENT;
		goto out;
	}
	xa_for_each_start(&nvo->sgs, id, sg, id) {
		if (sgattr && sg->id != nla_get_u16(sgattr))
			continue;
		n = 0;
		list_for_each_entry(r, &sg->rules, node) {
			if (n++ < cb->args[2])
				continue;
			if (nvo_rule_fill(skb, nvo, sg, r, cb))
				goto done;
			cb->args[2] = n;
		}
		cb->args[1] = id + 1;
		cb->args[2] = 0;
	}
done:
	err = skb->len;
out:
	rtnl_unlock();
	return err;
}

/* Marks every connection of the device stale: fw.c checks each again. */
int nvo_nl_conn_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	u32 gen = nvo->fw_gen + 1;

	/* 0 is the mark of entries nvo never allowed. */
	WRITE_ONCE(nvo->fw_gen, gen ?: 1);
	return 0;
}

/* --- ports and tenants ------------------------------------------------ */

/*
 * NVO_A_SG_IDS: an array of 16-bit ids, none listed twice. With @nvo, each
 * must be a group of that device; without (the groups of a port on another
 * host, which the controller names), only nonzero.
 */
int nvo_sg_ids_get(struct nvo_dev *nvo, const struct nlattr *attr,
		   struct netlink_ext_ack *extack, const u16 **ids,
		   unsigned int *n)
{
	const u16 *v = nla_data(attr);
	unsigned int i, j, len = nla_len(attr);

	if (len % sizeof(u16)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "security group list must be an array of 16-bit ids");
		return -EINVAL;
	}
	for (i = 0; i < len / sizeof(u16); i++) {
		if (nvo && !xa_load(&nvo->sgs, v[i])) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "a listed security group does not exist on this device");
			return -ENOENT;
		}
		if (!v[i]) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "security group id 0 is not a group");
			return -EINVAL;
		}
		for (j = 0; j < i; j++)
			if (v[j] == v[i]) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "a security group is listed twice");
				return -EINVAL;
			}
	}
	*ids = v;
	*n = len / sizeof(u16);
	return 0;
}

/* A port's new groups and port security, checked, not yet applied. */
int nvo_port_sec_prepare(struct nvo_dev *nvo, struct nvo_vni *vni,
			 const struct nvo_port *port, struct genl_info *info,
			 struct nvo_port_sec *ps)
{
	struct nlattr *ids = info->attrs[NVO_A_SG_IDS];
	struct nlattr *sec = info->attrs[NVO_A_PORT_SECURITY];
	const struct nvo_sgset *old;
	unsigned int n;
	const u16 *v;
	int err;

	memset(ps, 0, sizeof(*ps));
	ps->security = sec ? nla_get_u8(sec) : port ? port->security : true;
	old = port ? rtnl_dereference(port->sgs) : NULL;
	n = old ? old->n : 0;
	if (ids) {
		err = nvo_sg_ids_get(nvo, ids, info->extack, &v, &n);
		if (err)
			return err;
		ps->given = true;
		if (n) {
			ps->set = kzalloc(sizeof(*ps->set), GFP_KERNEL_ACCOUNT);
			if (!ps->set)
				return -ENOMEM;
			ps->set->n = n;
			memcpy(ps->set->ids, v, n * sizeof(u16));
		}
	}
	if (ps->security && n && !rtnl_dereference(vni->tn)) {
		NL_SET_ERR_MSG_ATTR(info->extack, ids ?: sec,
				    "the port's VNI has no tenant: a firewalled port needs its conntrack zone");
		kfree(ps->set);
		ps->set = NULL;
		return -EINVAL;
	}
	return 0;
}

static void nvo_sgset_count(struct nvo_dev *nvo, const struct nvo_sgset *set,
			    int delta)
{
	struct nvo_sg *sg;
	unsigned int i;

	for (i = 0; set && i < set->n; i++) {
		sg = xa_load(&nvo->sgs, set->ids[i]);
		if (sg)
			WRITE_ONCE(sg->nports, sg->nports + delta);
	}
}

void nvo_port_sec_commit(struct nvo_port *port, struct nvo_port_sec *ps)
{
	struct nvo_sgset *old = rtnl_dereference(port->sgs);

	if (ps->given) {
		nvo_sgset_count(port->nvo, old, -1);
		nvo_sgset_count(port->nvo, ps->set, 1);
		rcu_assign_pointer(port->sgs, ps->set);
		if (old)
			kfree_rcu(old, rcu);
		old = ps->set;
	}
	WRITE_ONCE(port->security, ps->security);
	WRITE_ONCE(port->fw, ps->security && old);
}

/* The port leaves: its groups lose a user. The set goes with the port. */
void nvo_sg_port_release(struct nvo_port *port)
{
	nvo_sgset_count(port->nvo, rtnl_dereference(port->sgs), -1);
}

static bool nvo_vni_has_fw_port(struct nvo_vni *vni)
{
	struct nvo_port *port;

	list_for_each_entry(port, &vni->ports, vni_node)
		if (port->fw)
			return true;
	return false;
}

/* Under RTNL; 0: none. */
static u16 nvo_vni_tenant_id(struct nvo_vni *vni)
{
	struct nvo_tenant *tn = rtnl_dereference(vni->tn);

	return tn ? tn->id : 0;
}

/* The tenant the request gives the VNI (with a reference), or NULL when
 * that does not change.
 */
int nvo_vni_tenant_prepare(struct nvo_dev *nvo, struct nvo_vni *vni,
			   struct genl_info *info, struct nvo_tenant **tnp)
{
	struct nlattr *attr = info->attrs[NVO_A_TENANT];
	struct nvo_tenant *tn;
	u16 tenant;

	*tnp = NULL;
	if (!attr)
		return 0;
	tenant = nla_get_u16(attr);
	if (vni && tenant == nvo_vni_tenant_id(vni))
		return 0;
	if (vni && rtnl_dereference(vni->rif)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the VNI has an interface of a router of its tenant");
		return -EBUSY;
	}
	if (!tenant) {
		if (vni && nvo_vni_has_fw_port(vni)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "the VNI has firewalled ports: they need its tenant");
			return -EBUSY;
		}
		return 0;
	}
	tn = nvo_tenant_get(nvo, tenant);
	if (IS_ERR(tn))
		return PTR_ERR(tn);
	*tnp = tn;
	return 0;
}

/* Undoes a prepare whose request failed later. */
void nvo_vni_tenant_abort(struct nvo_dev *nvo, struct nvo_tenant *tn)
{
	if (tn)
		nvo_tenant_put(nvo, tn);
}

void nvo_vni_tenant_commit(struct nvo_vni *vni, struct genl_info *info,
			   struct nvo_tenant *tn)
{
	struct nlattr *attr = info->attrs[NVO_A_TENANT];
	struct nvo_tenant *old;

	if (!attr || nla_get_u16(attr) == nvo_vni_tenant_id(vni))
		return;
	old = rcu_replace_pointer(vni->tn, tn, lockdep_rtnl_is_held());
	if (old)
		nvo_tenant_put(vni->nvo, old);
}

/* The VNI leaves its device. Under RTNL. */
void nvo_vni_tenant_release(struct nvo_vni *vni)
{
	struct nvo_tenant *tn = rtnl_dereference(vni->tn);

	if (tn) {
		RCU_INIT_POINTER(vni->tn, NULL);
		nvo_tenant_put(vni->nvo, tn);
	}
}
