/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the generic netlink handlers of each object.
 */
#ifndef _NVO_NETLINK_H
#define _NVO_NETLINK_H

#include <net/genetlink.h>

#include "nvo.h"

/* Set a message and the type of the attribute a request lacks. */
#define NVO_NL_MISSING(extack, type, msg) do {		\
	struct netlink_ext_ack *__ea = (extack);	\
							\
	NL_SET_ERR_MSG(__ea, msg);			\
	NL_SET_ERR_ATTR_MISS(__ea, NULL, type);		\
} while (0)

extern struct genl_family nvo_genl_family;
extern const struct nla_policy nvo_dhcp_policy[NVO_DHCP_MAX + 1];

int nvo_genl_init(void);
void nvo_genl_exit(void);

struct nvo_dev *nvo_nl_dump_dev(struct netlink_callback *cb);
void *nvo_nl_put(struct sk_buff *msg, struct netlink_callback *cb,
		 struct genl_info *info, u8 cmd);
int nvo_nl_vni_attr(struct genl_info *info, u32 *vni);
int nvo_nl_vni_find(struct genl_info *info, struct nvo_vni **vni);
int nvo_nl_remote(struct genl_info *info, struct nvo_addr *ip);
int nvo_nl_put_remote(struct sk_buff *msg, const struct nvo_addr *ip);
int nvo_nl_cidr(struct genl_info *info, int a4type, int a6type, int ptype,
		u16 ethertype, struct nvo_addr *addr, u8 *prefix);
int nvo_nl_put_cidr(struct sk_buff *msg, int a4type, int a6type, int ptype,
		    const struct nvo_addr *addr, u8 prefix);
int nvo_nl_ports(struct genl_info *info, u8 proto, bool *has, u16 *min,
		 u16 *max);
int nvo_nl_port_find(struct genl_info *info, struct nvo_port **port);
int nvo_nl_mac(struct genl_info *info, bool unicast, const u8 **mac);

/* table.c: dumps of a table of every VNI */
typedef int (*nvo_table_fill_t)(struct sk_buff *msg,
				struct netlink_callback *cb,
				struct nvo_vni *vni, const void *obj);
int nvo_nl_table_start(struct netlink_callback *cb);
int nvo_nl_table_dump(struct sk_buff *skb, struct netlink_callback *cb,
		      size_t table, nvo_table_fill_t fill);
int nvo_nl_table_done(struct netlink_callback *cb);
struct net_device *nvo_nl_port_dev(struct genl_info *info,
				   const struct nlattr **attr);

int nvo_nl_vni_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_vni_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_vni_set(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_vni_get(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_vni_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_port_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_port_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_port_set(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_sg_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_sg_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_sg_get(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_sg_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_rule_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_rule_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_conn_flush(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_acl_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_acl_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_acl_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_fdb_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_fdb_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_neigh_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_neigh_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_router_get(struct genl_info *info, struct nvo_router **r);
int nvo_nl_router_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_router_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_router_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_rif_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_rif_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_rif_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_route_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_route_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_route_start(struct netlink_callback *cb);
int nvo_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nvo_nl_route_done(struct netlink_callback *cb);
int nvo_nl_flood_new(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_flood_del(struct sk_buff *skb, struct genl_info *info);
int nvo_nl_flood_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _NVO_NETLINK_H */
