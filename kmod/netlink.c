// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "nvo": policy, permission and device lookup
 * shared by all commands, and the device command itself.
 */

#include <net/sock.h>

#include "netlink.h"

/* Commands that change state; the others only read. */
#define NVO_NL_ADMIN	BIT(0)

static struct netlink_range_validation nvo_vni_range = {
	.max = NVO_VNI_MAX,
};

/* Each command accepts exactly the attributes it uses; strict validation
 * rejects any other, so a misspelt request never half-succeeds.
 */
#define NVO_POLICY_DEV							\
	[NVO_A_IFINDEX]		= { .type = NLA_U32 },			\
	[NVO_A_IFNAME]		= { .type = NLA_NUL_STRING,		\
				    .len = IFNAMSIZ - 1 }
#define NVO_POLICY_VNI							\
	[NVO_A_VNI]		= NLA_POLICY_FULL_RANGE(NLA_U32, &nvo_vni_range)
#define NVO_POLICY_PORT							\
	[NVO_A_PORT_IFINDEX]	= { .type = NLA_U32 },			\
	[NVO_A_PORT_IFNAME]	= { .type = NLA_NUL_STRING,		\
				    .len = IFNAMSIZ - 1 }
#define NVO_POLICY_MAC							\
	[NVO_A_MAC]		= NLA_POLICY_ETH_ADDR
#define NVO_POLICY_REMOTE						\
	[NVO_A_REMOTE_IP4]	= { .type = NLA_BE32 },			\
	[NVO_A_REMOTE_IP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr))

#define NVO_POLICY_SG_ID						\
	[NVO_A_SG_ID]		= NLA_POLICY_MIN(NLA_U16, 1)
#define NVO_POLICY_PORT_SEC						\
	[NVO_A_SG_IDS]		= { .type = NLA_BINARY,			\
				    .len = NVO_PORT_SG_MAX * sizeof(u16) }, \
	[NVO_A_PORT_SECURITY]	= NLA_POLICY_MAX(NLA_U8, 1)

static const struct nla_policy nvo_dev_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV,
};

static const struct nla_policy nvo_vni_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI,
};

static const struct nla_policy nvo_vni_set_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI,
	[NVO_A_ENCAP]		= NLA_POLICY_MAX(NLA_U8, NVO_ENCAP_MAX),
	[NVO_A_MAX_FDB]		= { .type = NLA_U32 },
	[NVO_A_MAX_LEARNED]	= { .type = NLA_U32 },
	[NVO_A_TENANT]		= { .type = NLA_U16 },
	[NVO_A_NEIGH_UNKNOWN]	= NLA_POLICY_MAX(NLA_U8, NVO_NEIGH_UNKNOWN_MAX),
	[NVO_A_NEIGH_LEARN]	= NLA_POLICY_MAX(NLA_U8, 1),
	[NVO_A_MAX_NEIGH]	= { .type = NLA_U32 },
};

static const struct nla_policy nvo_port_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_PORT, NVO_POLICY_PORT_SEC,
	[NVO_A_PORT_ID]		= { .type = NLA_U32 },
	[NVO_A_DHCP]		= NLA_POLICY_NESTED(nvo_dhcp_policy),
};

const struct nla_policy nvo_dhcp_policy[NVO_DHCP_MAX + 1] = {
	[NVO_DHCP_ADDR]		= { .type = NLA_BE32 },
	[NVO_DHCP_PREFIX]	= NLA_POLICY_RANGE(NLA_U8, 1, 30),
	[NVO_DHCP_GW]		= { .type = NLA_BE32 },
	[NVO_DHCP_DNS]		= { .type = NLA_BINARY,
				    .len = NVO_DHCP_DNS_MAX * sizeof(__be32) },
	[NVO_DHCP_DOMAIN]	= { .type = NLA_NUL_STRING,
				    .len = NVO_DHCP_DOMAIN_LEN - 1 },
	[NVO_DHCP_MTU]		= NLA_POLICY_MIN(NLA_U16, 68),
	[NVO_DHCP_LEASE]	= NLA_POLICY_MIN(NLA_U32, 60),
	[NVO_DHCP_ROUTES]	= { .type = NLA_BINARY,
				    .len = NVO_DHCP_ROUTES_MAX *
					   sizeof(struct nvo_dhcp_route) },
};

static const struct nla_policy nvo_port_set_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_PORT, NVO_POLICY_PORT_SEC,
	[NVO_A_DHCP]		= NLA_POLICY_NESTED(nvo_dhcp_policy),
};

static const struct nla_policy nvo_sg_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_SG_ID,
	[NVO_A_SG_NAME]		= { .type = NLA_NUL_STRING,
				    .len = NVO_SG_NAME_LEN - 1 },
	[NVO_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __NVO_F_ALL),
};

static const struct nla_policy nvo_sg_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_SG_ID,
};

static const struct nla_policy nvo_rule_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_SG_ID,
	[NVO_A_RULE_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[NVO_A_RULE_DIR]	= NLA_POLICY_RANGE(NLA_U8, NVO_RULE_INGRESS,
						   NVO_RULE_DIR_MAX),
	[NVO_A_RULE_ETHERTYPE]	= { .type = NLA_U16 },
	[NVO_A_RULE_PROTO]	= { .type = NLA_U8 },
	[NVO_A_RULE_PORT_MIN]	= { .type = NLA_U16 },
	[NVO_A_RULE_PORT_MAX]	= { .type = NLA_U16 },
	[NVO_A_RULE_ICMP_TYPE]	= { .type = NLA_U8 },
	[NVO_A_RULE_ICMP_CODE]	= { .type = NLA_U8 },
	[NVO_A_RULE_REMOTE_IP4]	= { .type = NLA_BE32 },
	[NVO_A_RULE_REMOTE_IP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NVO_A_RULE_REMOTE_PREFIX] = NLA_POLICY_MAX(NLA_U8, 128),
	[NVO_A_RULE_REMOTE_SG]	= NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy nvo_acl_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI,
	[NVO_A_ACL_PRIO]	= { .type = NLA_U32 },
	[NVO_A_ACL_ACTION]	= NLA_POLICY_RANGE(NLA_U8, NVO_ACL_ALLOW,
						   NVO_ACL_ACTION_MAX),
	[NVO_A_RULE_DIR]	= NLA_POLICY_RANGE(NLA_U8, NVO_RULE_INGRESS,
						   NVO_RULE_DIR_MAX),
	[NVO_A_RULE_ETHERTYPE]	= { .type = NLA_U16 },
	[NVO_A_RULE_PROTO]	= { .type = NLA_U8 },
	[NVO_A_RULE_PORT_MIN]	= { .type = NLA_U16 },
	[NVO_A_RULE_PORT_MAX]	= { .type = NLA_U16 },
	[NVO_A_ACL_SRC_IP4]	= { .type = NLA_BE32 },
	[NVO_A_ACL_SRC_IP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NVO_A_ACL_SRC_PREFIX]	= NLA_POLICY_MAX(NLA_U8, 128),
	[NVO_A_ACL_DST_IP4]	= { .type = NLA_BE32 },
	[NVO_A_ACL_DST_IP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NVO_A_ACL_DST_PREFIX]	= NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy nvo_acl_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI,
	[NVO_A_ACL_PRIO]	= { .type = NLA_U32 },
};

static const struct nla_policy nvo_rule_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_SG_ID,
	[NVO_A_RULE_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy nvo_port_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_PORT,
};

static const struct nla_policy nvo_fdb_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_MAC, NVO_POLICY_REMOTE,
	NVO_POLICY_PORT,
	[NVO_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __NVO_F_ALL),
	[NVO_A_SG_IDS]		= { .type = NLA_BINARY,
				    .len = NVO_PORT_SG_MAX * sizeof(u16) },
};

static const struct nla_policy nvo_fdb_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_MAC,
};

#define NVO_POLICY_IP							\
	[NVO_A_IP4]		= { .type = NLA_BE32 },			\
	[NVO_A_IP6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr))

static const struct nla_policy nvo_neigh_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_MAC, NVO_POLICY_IP,
	[NVO_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __NVO_F_ALL),
	[NVO_A_NEIGH_FLAGS]	= NLA_POLICY_MASK(NLA_U32, NVO_NEIGH_F_ROUTER),
};

static const struct nla_policy nvo_neigh_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_IP,
};

#define NVO_POLICY_ROUTER						\
	[NVO_A_ROUTER_ID]	= NLA_POLICY_MIN(NLA_U32, 1)
#define NVO_POLICY_PREFIX						\
	[NVO_A_PREFIX4]		= NLA_POLICY_MAX(NLA_U8, 32),		\
	[NVO_A_PREFIX6]		= NLA_POLICY_MAX(NLA_U8, 128)

static const struct nla_policy nvo_router_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER,
	[NVO_A_TENANT]		= NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy nvo_router_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER,
};

static const struct nla_policy nvo_rif_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER, NVO_POLICY_VNI, NVO_POLICY_MAC,
	NVO_POLICY_IP, NVO_POLICY_PREFIX,
};

static const struct nla_policy nvo_rif_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER, NVO_POLICY_VNI,
};

static const struct nla_policy nvo_route_new_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER, NVO_POLICY_IP, NVO_POLICY_PREFIX,
	[NVO_A_VIA4]		= { .type = NLA_BE32 },
	[NVO_A_VIA6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NVO_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __NVO_F_ALL),
};

static const struct nla_policy nvo_route_del_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_ROUTER, NVO_POLICY_IP, NVO_POLICY_PREFIX,
};

static const struct nla_policy nvo_flood_policy[NVO_A_MAX + 1] = {
	NVO_POLICY_DEV, NVO_POLICY_VNI, NVO_POLICY_REMOTE,
};

/* Caller holds RCU (or RTNL, which keeps the device as well). */
static struct nvo_dev *nvo_nl_dev_rcu(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct nlattr *attr;

	if (attrs[NVO_A_IFINDEX]) {
		attr = attrs[NVO_A_IFINDEX];
		dev = dev_get_by_index_rcu(net, nla_get_u32(attr));
	} else if (attrs[NVO_A_IFNAME]) {
		attr = attrs[NVO_A_IFNAME];
		dev = dev_get_by_name_rcu(net, nla_data(attr));
	} else {
		NVO_NL_MISSING(extack, NVO_A_IFNAME,
			       "missing nvo device: give its name or ifindex");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "device not found in this network namespace");
		return ERR_PTR(-ENODEV);
	}
	if (!nvo_is_nvo(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "device is not an nvo device");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

/* A dump resolves its device once, then follows the same ifindex: a new
 * device that took the name meanwhile is not the one being dumped.
 * cb->args[0] holds that ifindex; cb->seq gets the device's generation,
 * for nvo_nl_put()'s consistency check. Caller holds RCU.
 */
struct nvo_dev *nvo_nl_dump_dev(struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	struct net_device *dev;
	struct nvo_dev *nvo;

	if (!cb->args[0]) {
		struct nlattr **attrs = genl_dumpit_info(cb)->attrs;

		nvo = nvo_nl_dev_rcu(net, attrs, cb->extack);
		if (IS_ERR(nvo))
			return nvo;
		if (attrs[NVO_A_VNI] &&
		    !nvo_vni_lookup(nvo, nla_get_u32(attrs[NVO_A_VNI]))) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[NVO_A_VNI],
					    "VNI does not exist on this device");
			return ERR_PTR(-ENOENT);
		}
		cb->args[0] = nvo->dev->ifindex;
	} else {
		dev = dev_get_by_index_rcu(net, cb->args[0]);
		if (!dev || !nvo_is_nvo(dev)) {
			NL_SET_ERR_MSG(cb->extack,
				       "device was deleted during the dump");
			return ERR_PTR(-ENODEV);
		}
		nvo = netdev_priv(dev);
	}
	cb->seq = atomic_read(&nvo->gen);
	return nvo;
}

/* Starts a reply, or one message of a dump flagged when the tables
 * changed since the dump began (cb->seq holds the device generation).
 */
void *nvo_nl_put(struct sk_buff *msg, struct netlink_callback *cb,
		 struct genl_info *info, u8 cmd)
{
	void *hdr;

	if (!cb)
		return genlmsg_put_reply(msg, info, &nvo_genl_family, 0, cmd);
	hdr = genlmsg_put(msg, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &nvo_genl_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

int nvo_nl_vni_attr(struct genl_info *info, u32 *vni)
{
	if (!info->attrs[NVO_A_VNI]) {
		NVO_NL_MISSING(info->extack, NVO_A_VNI, "missing VNI");
		return -EINVAL;
	}
	*vni = nla_get_u32(info->attrs[NVO_A_VNI]);
	return 0;
}

/* NVO_A_MAC, which a new entry needs to be unicast. */
int nvo_nl_mac(struct genl_info *info, bool unicast, const u8 **mac)
{
	struct nlattr *attr = info->attrs[NVO_A_MAC];

	if (!attr) {
		NVO_NL_MISSING(info->extack, NVO_A_MAC, "missing MAC address");
		return -EINVAL;
	}
	*mac = nla_data(attr);
	if (unicast && !is_valid_ether_addr(*mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "MAC must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

int nvo_nl_vni_find(struct genl_info *info, struct nvo_vni **vni)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	u32 id;
	int err;

	err = nvo_nl_vni_attr(info, &id);
	if (err)
		return err;
	*vni = nvo_vni_lookup(nvo, id);
	if (!*vni) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVO_A_VNI],
				    "VNI does not exist on this device");
		return -ENOENT;
	}
	return 0;
}

/* A remote VTEP, IPv4 or IPv6: required, one only, and unicast. */
int nvo_nl_remote(struct genl_info *info, struct nvo_addr *ip)
{
	struct nlattr *a4 = info->attrs[NVO_A_REMOTE_IP4];
	struct nlattr *a6 = info->attrs[NVO_A_REMOTE_IP6];

	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(info->extack, a6,
				    "give one remote address, IPv4 or IPv6");
		return -EINVAL;
	}
	if (a4) {
		ip->family = AF_INET;
		ip->ip4 = nla_get_in_addr(a4);
		if (ipv4_is_zeronet(ip->ip4) || ipv4_is_multicast(ip->ip4) ||
		    ipv4_is_lbcast(ip->ip4) || ipv4_is_loopback(ip->ip4)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a4,
					    "remote must be a unicast IPv4 address");
			return -EINVAL;
		}
		return 0;
	}
	if (a6) {
		ip->family = AF_INET6;
		ip->ip6 = nla_get_in6_addr(a6);
		if (!(ipv6_addr_type(&ip->ip6) & IPV6_ADDR_UNICAST) ||
		    ipv6_addr_loopback(&ip->ip6) ||
		    ipv6_addr_v4mapped(&ip->ip6)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a6,
					    "remote must be a unicast IPv6 address");
			return -EINVAL;
		}
		return 0;
	}
	NVO_NL_MISSING(info->extack, NVO_A_REMOTE_IP4,
		       "missing remote VTEP address");
	return -EINVAL;
}

/* An optional CIDR: attributes @a4/@a6 (one of them) and @plen, of the
 * family of @ethertype (0: none given, which an address cannot have), host
 * bits zero. Absent: @addr->family is 0.
 */
int nvo_nl_cidr(struct genl_info *info, int a4type, int a6type, int ptype,
		u16 ethertype, struct nvo_addr *addr, u8 *prefix)
{
	struct nlattr *a4 = info->attrs[a4type], *a6 = info->attrs[a6type];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *plen = info->attrs[ptype];
	struct in6_addr masked;

	addr->family = 0;
	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(extack, a6, "give one address, IPv4 or IPv6");
		return -EINVAL;
	}
	if (!a4 && !a6) {
		if (plen) {
			NL_SET_ERR_MSG_ATTR(extack, plen,
					    "a prefix length needs an address");
			return -EINVAL;
		}
		return 0;
	}
	if ((a4 && ethertype != ETH_P_IP) || (a6 && ethertype != ETH_P_IPV6)) {
		NL_SET_ERR_MSG_ATTR(extack, a4 ?: a6,
				    "address family differs from the ethertype");
		return -EINVAL;
	}
	*prefix = plen ? nla_get_u8(plen) : (a4 ? 32 : 128);
	if (a4) {
		if (*prefix > 32) {
			NL_SET_ERR_MSG_ATTR(extack, plen,
					    "prefix length of an IPv4 address is at most 32");
			return -EINVAL;
		}
		addr->ip4 = nla_get_in_addr(a4);
		if (addr->ip4 & ~inet_make_mask(*prefix)) {
			NL_SET_ERR_MSG_ATTR(extack, a4,
					    "address has host bits set beyond its prefix length");
			return -EINVAL;
		}
		addr->family = AF_INET;
		return 0;
	}
	addr->ip6 = nla_get_in6_addr(a6);
	ipv6_addr_prefix(&masked, &addr->ip6, *prefix);
	if (!ipv6_addr_equal(&masked, &addr->ip6)) {
		NL_SET_ERR_MSG_ATTR(extack, a6,
				    "address has host bits set beyond its prefix length");
		return -EINVAL;
	}
	addr->family = AF_INET6;
	return 0;
}

int nvo_nl_put_cidr(struct sk_buff *msg, int a4type, int a6type, int ptype,
		    const struct nvo_addr *addr, u8 prefix)
{
	if (!addr->family)
		return 0;
	if ((addr->family == AF_INET ?
	     nla_put_in_addr(msg, a4type, addr->ip4) :
	     nla_put_in6_addr(msg, a6type, &addr->ip6)) ||
	    nla_put_u8(msg, ptype, prefix))
		return -EMSGSIZE;
	return 0;
}

/* An optional destination port range of protocol @proto; one end alone
 * is a single port.
 */
int nvo_nl_ports(struct genl_info *info, u8 proto, bool *has, u16 *min,
		 u16 *max)
{
	struct nlattr *pmin = info->attrs[NVO_A_RULE_PORT_MIN];
	struct nlattr *pmax = info->attrs[NVO_A_RULE_PORT_MAX];

	*has = pmin || pmax;
	if (!*has)
		return 0;
	if (!nvo_proto_has_ports(proto)) {
		NL_SET_ERR_MSG_ATTR(info->extack, pmin ?: pmax,
				    "ports need protocol TCP, UDP, UDP-Lite, SCTP or DCCP");
		return -EINVAL;
	}
	*min = pmin ? nla_get_u16(pmin) : nla_get_u16(pmax);
	*max = pmax ? nla_get_u16(pmax) : *min;
	if (*min > *max) {
		NL_SET_ERR_MSG_ATTR(info->extack, pmax,
				    "port range ends before it starts");
		return -EINVAL;
	}
	return 0;
}

int nvo_nl_put_remote(struct sk_buff *msg, const struct nvo_addr *ip)
{
	if (ip->family == AF_INET6)
		return nla_put_in6_addr(msg, NVO_A_REMOTE_IP6, &ip->ip6);
	return nla_put_in_addr(msg, NVO_A_REMOTE_IP4, ip->ip4);
}

static int nvo_dev_fill(struct sk_buff *msg, struct nvo_dev *nvo,
			struct netlink_callback *cb, struct genl_info *info)
{
	const struct nvo_cfg *cfg = &nvo->cfg;
	struct net_device *dev = nvo->dev;
	struct nvo_counters c;
	void *hdr;

	nvo_dev_stats(nvo, &c);
	hdr = nvo_nl_put(msg, cb, info, NVO_CMD_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, NVO_A_IFNAME, dev->name) ||
	    nla_put_in_addr(msg, NVO_A_LOCAL_IP4, READ_ONCE(cfg->local_ip)) ||
	    nla_put_in6_addr(msg, NVO_A_LOCAL_IP6, &cfg->local_ip6) ||
	    nla_put_u8(msg, NVO_A_ENCAP, READ_ONCE(cfg->encap)) ||
	    nla_put_u16(msg, NVO_A_DSTPORT, ntohs(READ_ONCE(cfg->dst_port))) ||
	    nla_put_u16(msg, NVO_A_GENEVE_PORT,
			ntohs(READ_ONCE(cfg->geneve_port))) ||
	    nla_put_u8(msg, NVO_A_LEARNING, READ_ONCE(cfg->learning)) ||
	    nla_put_u32(msg, NVO_A_AGEING, READ_ONCE(cfg->ageing)) ||
	    nla_put_u8(msg, NVO_A_RUNNING, nvo_tunnel_running(nvo)) ||
	    nla_put_u32(msg, NVO_A_VNI_COUNT, READ_ONCE(nvo->nvnis)) ||
	    nla_put_u32(msg, NVO_A_PORT_COUNT, READ_ONCE(nvo->nports)) ||
	    nla_put_u32(msg, NVO_A_FDB_COUNT, atomic_read(&nvo->fdb_count)) ||
	    nla_put_u32(msg, NVO_A_MAX_VNIS, READ_ONCE(cfg->max_vnis)) ||
	    nla_put_u32(msg, NVO_A_MAX_FDB, READ_ONCE(cfg->max_fdb)) ||
	    nla_put_u32(msg, NVO_A_MAX_LEARNED, READ_ONCE(cfg->max_learned)) ||
	    nla_put_u32(msg, NVO_A_MAX_CONNS, READ_ONCE(cfg->max_conns)) ||
	    nvo_stats_fill(msg, &c)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int nvo_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = nvo_dev_fill(msg, info->user_ptr[0], NULL, info);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: how many nvo devices were already dumped. */
static int nvo_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;

	rcu_read_lock();
	cb->seq = READ_ONCE(net->dev_base_seq);
	for_each_netdev_rcu(net, dev) {
		if (!nvo_is_nvo(dev))
			continue;
		if (idx >= cb->args[0] &&
		    nvo_dev_fill(skb, netdev_priv(dev), cb, NULL))
			break;
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

static int nvo_nl_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nvo_dev *nvo;

	if ((ops->internal_flags & NVO_NL_ADMIN) &&
	    !netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN)) {
		GENL_SET_ERR_MSG(info,
				 "CAP_NET_ADMIN is required in the device's network namespace");
		return -EPERM;
	}
	rtnl_lock();
	rcu_read_lock();
	nvo = nvo_nl_dev_rcu(net, info->attrs, info->extack);
	rcu_read_unlock();
	if (IS_ERR(nvo)) {
		rtnl_unlock();
		return PTR_ERR(nvo);
	}
	info->user_ptr[0] = nvo;
	return 0;
}

static void nvo_nl_post_doit(const struct genl_ops *ops, struct sk_buff *skb,
			     struct genl_info *info)
{
	rtnl_unlock();
}

static const struct genl_ops nvo_ops[] = {
	{
		.cmd = NVO_CMD_DEV_GET,
		.policy = nvo_dev_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_dev_get,
		.dumpit = nvo_nl_dev_dump,
	}, {
		.cmd = NVO_CMD_VNI_NEW,
		.policy = nvo_vni_set_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_vni_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_VNI_DEL,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_vni_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_VNI_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_vni_get,
		.dumpit = nvo_nl_vni_dump,
	}, {
		.cmd = NVO_CMD_PORT_NEW,
		.policy = nvo_port_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_port_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_PORT_DEL,
		.policy = nvo_port_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_port_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_PORT_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_port_dump,
	}, {
		.cmd = NVO_CMD_FDB_NEW,
		.policy = nvo_fdb_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_fdb_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_FDB_DEL,
		.policy = nvo_fdb_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_fdb_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_FDB_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.start = nvo_nl_table_start,
		.dumpit = nvo_nl_fdb_dump,
		.done = nvo_nl_table_done,
	}, {
		.cmd = NVO_CMD_FLOOD_NEW,
		.policy = nvo_flood_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_flood_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_FLOOD_DEL,
		.policy = nvo_flood_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_flood_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_VNI_SET,
		.policy = nvo_vni_set_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_vni_set,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_FLOOD_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_flood_dump,
	}, {
		.cmd = NVO_CMD_PORT_SET,
		.policy = nvo_port_set_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_port_set,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_SG_NEW,
		.policy = nvo_sg_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_sg_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_SG_DEL,
		.policy = nvo_sg_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_sg_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_SG_GET,
		.policy = nvo_sg_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_sg_get,
		.dumpit = nvo_nl_sg_dump,
	}, {
		.cmd = NVO_CMD_RULE_NEW,
		.policy = nvo_rule_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_rule_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_RULE_DEL,
		.policy = nvo_rule_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_rule_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ACL_NEW,
		.policy = nvo_acl_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_acl_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ACL_DEL,
		.policy = nvo_acl_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_acl_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ACL_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_acl_dump,
	}, {
		.cmd = NVO_CMD_CONN_FLUSH,
		.policy = nvo_dev_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_conn_flush,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_RULE_GET,
		.policy = nvo_sg_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_rule_dump,
	}, {
		.cmd = NVO_CMD_NEIGH_NEW,
		.policy = nvo_neigh_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_neigh_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_NEIGH_DEL,
		.policy = nvo_neigh_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_neigh_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_NEIGH_GET,
		.policy = nvo_vni_policy,
		.maxattr = NVO_A_MAX,
		.start = nvo_nl_table_start,
		.dumpit = nvo_nl_neigh_dump,
		.done = nvo_nl_table_done,
	}, {
		.cmd = NVO_CMD_ROUTER_NEW,
		.policy = nvo_router_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_router_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ROUTER_DEL,
		.policy = nvo_router_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_router_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ROUTER_GET,
		.policy = nvo_dev_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_router_dump,
	}, {
		.cmd = NVO_CMD_RIF_NEW,
		.policy = nvo_rif_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_rif_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_RIF_DEL,
		.policy = nvo_rif_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_rif_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_RIF_GET,
		.policy = nvo_dev_policy,
		.maxattr = NVO_A_MAX,
		.dumpit = nvo_nl_rif_dump,
	}, {
		.cmd = NVO_CMD_ROUTE_NEW,
		.policy = nvo_route_new_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_route_new,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ROUTE_DEL,
		.policy = nvo_route_del_policy,
		.maxattr = NVO_A_MAX,
		.doit = nvo_nl_route_del,
		.internal_flags = NVO_NL_ADMIN,
	}, {
		.cmd = NVO_CMD_ROUTE_GET,
		.policy = nvo_router_policy,
		.maxattr = NVO_A_MAX,
		.start = nvo_nl_route_start,
		.dumpit = nvo_nl_route_dump,
		.done = nvo_nl_route_done,
	},
};

struct genl_family nvo_genl_family __ro_after_init = {
	.name		= NVO_GENL_NAME,
	.version	= NVO_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.pre_doit	= nvo_nl_pre_doit,
	.post_doit	= nvo_nl_post_doit,
	.ops		= nvo_ops,
	.n_ops		= ARRAY_SIZE(nvo_ops),
	.module		= THIS_MODULE,
};

int nvo_genl_init(void)
{
	return genl_register_family(&nvo_genl_family);
}

void nvo_genl_exit(void)
{
	genl_unregister_family(&nvo_genl_family);
}
