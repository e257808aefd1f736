// SPDX-License-Identifier: GPL-2.0
/*
 * The nvo netdevice: a hypervisor's virtual switch and tunnel endpoint,
 * created with rtnetlink ("ip link add nvo0 type nvo") in one namespace.
 */

#include <linux/if_arp.h>
#include <net/inet_ecn.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>

#include "nvo.h"

#define NVO_AGEING_MAX	1000000

struct nvo_net {
	struct list_head devs;
};

static unsigned int nvo_net_id __read_mostly;

static unsigned long nvo_ageing_interval(const struct nvo_dev *nvo)
{
	return clamp_t(unsigned long, READ_ONCE(nvo->cfg.ageing) * HZ / 4,
		       HZ, 10 * HZ);
}

static void nvo_ageing_work(struct work_struct *work)
{
	struct nvo_dev *nvo = container_of(to_delayed_work(work),
					   struct nvo_dev, ageing_work);

	nvo_tables_age(nvo);
	nvo_ra_periodic(nvo);
	nvo_tenant_gc_all(nvo);
	queue_delayed_work(nvo_wq, &nvo->ageing_work, nvo_ageing_interval(nvo));
}

static int nvo_init(struct net_device *dev)
{
	struct nvo_dev *nvo = netdev_priv(dev);

	nvo->stats = nvo_stats_alloc();
	if (!nvo->stats)
		return -ENOMEM;
	/* The device's rx/tx: iptunnel_xmit() accounts into skb->dev->tstats. */
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		goto err_stats;
	nvo->route_key = alloc_percpu_gfp(struct nvo_route_key,
					  GFP_KERNEL_ACCOUNT);
	if (!nvo->route_key)
		goto err_tstats;
	if (dst_cache_init(&nvo->dst_cache, GFP_KERNEL_ACCOUNT))
		goto err_key;
	return 0;

err_key:
	free_percpu(nvo->route_key);
err_tstats:
	free_percpu(dev->tstats);
err_stats:
	free_percpu(nvo->stats);
	return -ENOMEM;
}

/* Readers cannot reach the device any more: it is unlisted, closed (its
 * socket released after a grace period) and its ports are detached, each
 * after a grace period of its own (here too if registration failed late).
 */
static void nvo_uninit(struct net_device *dev)
{
	struct nvo_dev *nvo = netdev_priv(dev);

	nvo_port_detach_all(nvo);
	nvo_router_flush(nvo);
	nvo_vni_flush(nvo);
	xa_destroy(&nvo->tenants);
	nvo_sg_flush(nvo);
	list_del_init(&nvo->list);
	dst_cache_destroy(&nvo->dst_cache);
	free_percpu(nvo->route_key);
	free_percpu(dev->tstats);
	free_percpu(nvo->stats);
}

static int nvo_open(struct net_device *dev)
{
	struct nvo_dev *nvo = netdev_priv(dev);
	int err;

	err = nvo_tunnel_open(nvo);
	if (err)
		return err;
	queue_delayed_work(nvo_wq, &nvo->ageing_work, nvo_ageing_interval(nvo));
	return 0;
}

static int nvo_stop(struct net_device *dev)
{
	struct nvo_dev *nvo = netdev_priv(dev);

	cancel_delayed_work_sync(&nvo->ageing_work);
	nvo_tunnel_close(nvo);
	return 0;
}

/* The device switches between its ports and the underlay; the host's own
 * stack has no business sending through it.
 */
static netdev_tx_t nvo_xmit(struct sk_buff *skb, struct net_device *dev)
{
	nvo_drop(netdev_priv(dev), NULL, NULL, skb, NVO_DROP_DEV_XMIT);
	return NETDEV_TX_OK;
}

static void nvo_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *s)
{
	struct nvo_dev *nvo = netdev_priv(dev);
	struct nvo_counters c;
	int i;

	nvo_dev_stats(nvo, &c);
	s->rx_packets = c.s.rx_packets;
	s->rx_bytes = c.s.rx_bytes;
	s->tx_packets = c.s.tx_packets;
	s->tx_bytes = c.s.tx_bytes;
	for (i = 1; i < __NVO_DROP_MAX; i++) {
		switch (i) {
		case NVO_DROP_NO_ROUTE:
		case NVO_DROP_LOOP:
		case NVO_DROP_XMIT:
		case NVO_DROP_DEV_XMIT:
			s->tx_dropped += c.drops[i];
			break;
		default:
			s->rx_dropped += c.drops[i];
		}
	}
	s->tx_errors = DEV_STATS_READ(dev, tx_errors);
	s->tx_aborted_errors = DEV_STATS_READ(dev, tx_aborted_errors);
}

static const struct net_device_ops nvo_netdev_ops = {
	.ndo_init		= nvo_init,
	.ndo_uninit		= nvo_uninit,
	.ndo_open		= nvo_open,
	.ndo_stop		= nvo_stop,
	.ndo_start_xmit		= nvo_xmit,
	.ndo_get_stats64	= nvo_get_stats64,
};

static const struct device_type nvo_type = {
	.name = "nvo",
};

static void nvo_setup(struct net_device *dev)
{
	struct nvo_dev *nvo = netdev_priv(dev);

	dev->netdev_ops = &nvo_netdev_ops;
	dev->needs_free_netdev = true;
	/* Not an L3 interface: no IPv6 autoconfiguration, no MLD. */
	dev->type = ARPHRD_VOID;
	dev->flags = IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	/* The tunnel socket and every port belong to this namespace. */
	dev->features |= NETIF_F_NETNS_LOCAL | NETIF_F_LLTX;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	SET_NETDEV_DEVTYPE(dev, &nvo_type);

	nvo->dev = dev;
	INIT_LIST_HEAD(&nvo->list);
	nvo->cfg.dst_port = htons(NVO_DEFAULT_DSTPORT);
	nvo->cfg.geneve_port = htons(NVO_DEFAULT_GENEVE_PORT);
	nvo->cfg.encap = NVO_ENCAP_VXLAN;
	nvo->cfg.learning = true;
	nvo->cfg.ageing = NVO_DEFAULT_AGEING;
	nvo->cfg.max_learned = NVO_DEFAULT_MAX_LEARNED;
	xa_init(&nvo->vnis);
	xa_init(&nvo->ports);
	xa_init(&nvo->sgs);
	xa_init(&nvo->tenants);
	xa_init(&nvo->routers);
	mutex_init(&nvo->prune_lock);
	nvo->fw_gen = 1;
	atomic_set(&nvo->gen, 1);
	INIT_DELAYED_WORK(&nvo->ageing_work, nvo_ageing_work);
}

static struct netlink_range_validation nvo_ageing_range = {
	.min = 1,
	.max = NVO_AGEING_MAX,
};

static const struct nla_policy nvo_link_policy[IFLA_NVO_MAX + 1] = {
	/* rtnetlink parses IFLA_INFO_DATA liberally unless told otherwise. */
	[IFLA_NVO_UNSPEC]	= { .strict_start_type = IFLA_NVO_LOCAL_IP4 },
	[IFLA_NVO_LOCAL_IP4]	= { .type = NLA_BE32 },
	[IFLA_NVO_DSTPORT]	= NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_NVO_LEARNING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_AGEING]	= NLA_POLICY_FULL_RANGE(NLA_U32, &nvo_ageing_range),
	[IFLA_NVO_LOCAL_IP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[IFLA_NVO_ENCAP]	= NLA_POLICY_RANGE(NLA_U8, NVO_ENCAP_VXLAN,
						   NVO_ENCAP_MAX),
	[IFLA_NVO_GENEVE_PORT]	= NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_NVO_TTL]		= { .type = NLA_U8 },
	[IFLA_NVO_TTL_INHERIT]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_TOS]		= { .type = NLA_U8 },
	[IFLA_NVO_TOS_INHERIT]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_UDP_CSUM]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_UDP6_ZERO_CSUM_TX] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_UDP6_ZERO_CSUM_RX] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_SPORT_MIN]	= { .type = NLA_U16 },
	[IFLA_NVO_SPORT_MAX]	= { .type = NLA_U16 },
	[IFLA_NVO_GENEVE_PORT_ID] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_GBP]		= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_NVO_MAX_CONNS]	= { .type = NLA_U32 },
	[IFLA_NVO_MAX_VNIS]	= { .type = NLA_U32 },
	[IFLA_NVO_MAX_FDB]	= { .type = NLA_U32 },
	[IFLA_NVO_MAX_LEARNED]	= { .type = NLA_U32 },
};

static int nvo_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
				    "nvo devices have no link-layer address");
		return -EINVAL;
	}
	if (!data)
		return 0;
	attr = data[IFLA_NVO_LOCAL_IP4];
	if (attr) {
		__be32 ip = nla_get_in_addr(attr);

		if (ipv4_is_multicast(ip) || ipv4_is_lbcast(ip) ||
		    ipv4_is_loopback(ip)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "local address must be a unicast IPv4 address");
			return -EINVAL;
		}
	}
	attr = data[IFLA_NVO_LOCAL_IP6];
	if (attr) {
		struct in6_addr ip = nla_get_in6_addr(attr);

		if (!ipv6_addr_any(&ip) &&
		    (!(ipv6_addr_type(&ip) & IPV6_ADDR_UNICAST) ||
		     ipv6_addr_loopback(&ip) || ipv6_addr_v4mapped(&ip))) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "local address must be a unicast IPv6 address");
			return -EINVAL;
		}
	}
	attr = data[IFLA_NVO_TOS];
	if (attr && (nla_get_u8(attr) & INET_ECN_MASK)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "tos sets DSCP only: ECN bits follow RFC 6040");
		return -EINVAL;
	}
	return 0;
}

static void nvo_get_u8(struct nlattr *attr, u8 *v)
{
	if (attr)
		*v = nla_get_u8(attr);
}

static void nvo_get_bool(struct nlattr *attr, bool *v)
{
	if (attr)
		*v = nla_get_u8(attr);
}

static void nvo_get_u32(struct nlattr *attr, u32 *v)
{
	if (attr)
		*v = nla_get_u32(attr);
}

static void nvo_get_port(struct nlattr *attr, __be16 *v)
{
	if (attr)
		*v = htons(nla_get_u16(attr));
}

/* Builds the new configuration aside and checks it whole, so a rejected
 * request leaves the device as it was; then publishes it field by field.
 */
static int nvo_apply(struct nvo_dev *nvo, struct nlattr *data[],
		     struct netlink_ext_ack *extack)
{
	struct nvo_cfg *cur = &nvo->cfg, c = *cur;

	if (!data)
		return 0;
	if (data[IFLA_NVO_LOCAL_IP4])
		c.local_ip = nla_get_in_addr(data[IFLA_NVO_LOCAL_IP4]);
	if (data[IFLA_NVO_LOCAL_IP6])
		c.local_ip6 = nla_get_in6_addr(data[IFLA_NVO_LOCAL_IP6]);
	nvo_get_port(data[IFLA_NVO_DSTPORT], &c.dst_port);
	nvo_get_port(data[IFLA_NVO_GENEVE_PORT], &c.geneve_port);
	if (data[IFLA_NVO_SPORT_MIN])
		c.sport_min = nla_get_u16(data[IFLA_NVO_SPORT_MIN]);
	if (data[IFLA_NVO_SPORT_MAX])
		c.sport_max = nla_get_u16(data[IFLA_NVO_SPORT_MAX]);
	nvo_get_u8(data[IFLA_NVO_ENCAP], &c.encap);
	nvo_get_u8(data[IFLA_NVO_TTL], &c.ttl);
	nvo_get_u8(data[IFLA_NVO_TOS], &c.tos);
	nvo_get_bool(data[IFLA_NVO_TTL_INHERIT], &c.ttl_inherit);
	nvo_get_bool(data[IFLA_NVO_TOS_INHERIT], &c.tos_inherit);
	nvo_get_bool(data[IFLA_NVO_UDP_CSUM], &c.udp_csum);
	nvo_get_bool(data[IFLA_NVO_UDP6_ZERO_CSUM_TX], &c.udp6_zero_tx);
	nvo_get_bool(data[IFLA_NVO_UDP6_ZERO_CSUM_RX], &c.udp6_zero_rx);
	nvo_get_bool(data[IFLA_NVO_GENEVE_PORT_ID], &c.geneve_port_id);
	nvo_get_bool(data[IFLA_NVO_GBP], &c.gbp);
	nvo_get_u32(data[IFLA_NVO_MAX_CONNS], &c.max_conns);
	nvo_get_bool(data[IFLA_NVO_LEARNING], &c.learning);
	if (data[IFLA_NVO_AGEING])
		c.ageing = nla_get_u32(data[IFLA_NVO_AGEING]);
	nvo_get_u32(data[IFLA_NVO_MAX_VNIS], &c.max_vnis);
	nvo_get_u32(data[IFLA_NVO_MAX_FDB], &c.max_fdb);
	nvo_get_u32(data[IFLA_NVO_MAX_LEARNED], &c.max_learned);

	/* The sockets are made with these. */
	if (netif_running(nvo->dev) &&
	    (c.dst_port != cur->dst_port || c.geneve_port != cur->geneve_port ||
	     c.udp6_zero_tx != cur->udp6_zero_tx ||
	     c.udp6_zero_rx != cur->udp6_zero_rx)) {
		NL_SET_ERR_MSG(extack,
			       "UDP ports and IPv6 checksum settings change only while the device is down");
		return -EBUSY;
	}
	if (c.sport_min > c.sport_max) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_NVO_SPORT_MIN] ?:
				    data[IFLA_NVO_SPORT_MAX],
				    "source port range is empty (min > max)");
		return -EINVAL;
	}

	WRITE_ONCE(cur->local_ip, c.local_ip);
	cur->local_ip6 = c.local_ip6;
	WRITE_ONCE(cur->dst_port, c.dst_port);
	WRITE_ONCE(cur->geneve_port, c.geneve_port);
	WRITE_ONCE(cur->sport_min, c.sport_min);
	WRITE_ONCE(cur->sport_max, c.sport_max);
	WRITE_ONCE(cur->encap, c.encap);
	WRITE_ONCE(cur->ttl, c.ttl);
	WRITE_ONCE(cur->tos, c.tos);
	WRITE_ONCE(cur->ttl_inherit, c.ttl_inherit);
	WRITE_ONCE(cur->tos_inherit, c.tos_inherit);
	WRITE_ONCE(cur->udp_csum, c.udp_csum);
	WRITE_ONCE(cur->udp6_zero_tx, c.udp6_zero_tx);
	WRITE_ONCE(cur->udp6_zero_rx, c.udp6_zero_rx);
	WRITE_ONCE(cur->geneve_port_id, c.geneve_port_id);
	WRITE_ONCE(cur->gbp, c.gbp);
	WRITE_ONCE(cur->max_conns, c.max_conns);
	WRITE_ONCE(cur->learning, c.learning);
	WRITE_ONCE(cur->ageing, c.ageing);
	WRITE_ONCE(cur->max_vnis, c.max_vnis);
	WRITE_ONCE(cur->max_fdb, c.max_fdb);
	WRITE_ONCE(cur->max_learned, c.max_learned);
	/* Routes cached for the old local addresses and outer TOS. */
	dst_cache_reset(&nvo->dst_cache);
	return 0;
}

static int nvo_newlink(struct net *src_net, struct net_device *dev,
		       struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	struct nvo_net *nn = net_generic(dev_net(dev), nvo_net_id);
	struct nvo_dev *nvo = netdev_priv(dev);
	int err;

	err = nvo_apply(nvo, data, extack);
	if (err)
		return err;
	err = register_netdevice(dev);
	if (err)
		return err;
	list_add_tail(&nvo->list, &nn->devs);
	return 0;
}

/* Ports go while the device is still whole, before its unregistration
 * notifies anyone; nvo_uninit() then finds none left.
 */
static void nvo_dellink(struct net_device *dev, struct list_head *head)
{
	nvo_port_detach_all(netdev_priv(dev));
	unregister_netdevice_queue(dev, head);
}

/* Generic attributes do_setlink() applies without a way to fail once the
 * checks below passed; IFLA_IFNAME identifies the device or renames it.
 */
static bool nvo_generic_attr_safe(int type)
{
	switch (type) {
	case IFLA_IFNAME:
	case IFLA_MTU:
	case IFLA_LINKINFO:
	case IFLA_GROUP:
	case IFLA_OPERSTATE:
	case IFLA_LINKMODE:
	case IFLA_EXT_MASK:
	case IFLA_GRO_MAX_SIZE:
		return true;
	}
	return false;
}

/* rtnetlink applies a request's nvo settings before its generic ones: so
 * that a request fails whole, one that changes nvo settings may carry only
 * generic attributes that cannot fail after them. IFLA_IFNAME may name the
 * device, not rename it: a rename fails after them when the device is up
 * or the name taken. (An open that fails still can, and a "rename" of an
 * up device given by ifindex to the name it has, which changelink cannot
 * tell from naming it; the kernel then says so in its log.)
 */
static int nvo_changelink_check(struct net_device *dev, struct nlattr *tb[],
				struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	int type;

	attr = tb[IFLA_NET_NS_PID] ?: tb[IFLA_NET_NS_FD] ?:
	       tb[IFLA_TARGET_NETNSID];
	if (attr) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "nvo devices stay in their network namespace");
		return -EINVAL;
	}
	attr = tb[IFLA_MTU];
	if (attr && (nla_get_u32(attr) < dev->min_mtu ||
		     nla_get_u32(attr) > dev->max_mtu)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "MTU out of range");
		return -EINVAL;
	}
	if (!data)
		return 0;
	for (type = 1; type <= IFLA_MAX; type++) {
		if (tb[type] && !nvo_generic_attr_safe(type)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[type],
					    "change nvo settings and this generic link attribute in separate requests");
			return -EINVAL;
		}
	}
	/* Another name than its own, even an alternative one: do_setlink()
	 * takes it for a rename when the request gives the ifindex too, and
	 * changelink cannot tell; a request that names the device by an
	 * alternative name is refused with it.
	 */
	attr = tb[IFLA_IFNAME];
	if (attr && nla_strcmp(attr, dev->name)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "rename the device and change nvo settings in separate requests");
		return -EINVAL;
	}
	attr = tb[IFLA_LINKINFO] ?
	       nla_find_nested(tb[IFLA_LINKINFO], IFLA_INFO_SLAVE_DATA) : NULL;
	if (attr) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "change nvo settings and its master's settings for it in separate requests");
		return -EINVAL;
	}
	return 0;
}

static int nvo_changelink(struct net_device *dev, struct nlattr *tb[],
			  struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct nvo_dev *nvo = netdev_priv(dev);
	int err;

	err = nvo_changelink_check(dev, tb, data, extack);
	if (err)
		return err;
	err = nvo_apply(nvo, data, extack);
	if (!err)
		nvo_changed(nvo);
	return err;
}

static size_t nvo_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(__be32)) +	/* IFLA_NVO_LOCAL_IP4 */
	       nla_total_size(sizeof(struct in6_addr)) + /* IFLA_NVO_LOCAL_IP6 */
	       4 * nla_total_size(sizeof(u16)) + /* ports, source range */
	       5 * nla_total_size(sizeof(u32)) + /* ageing, limits */
	       11 * nla_total_size(sizeof(u8));	/* the u8 settings */
}

static int nvo_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct nvo_cfg *c = &((struct nvo_dev *)netdev_priv(dev))->cfg;

	if (nla_put_in_addr(skb, IFLA_NVO_LOCAL_IP4, c->local_ip) ||
	    nla_put_in6_addr(skb, IFLA_NVO_LOCAL_IP6, &c->local_ip6) ||
	    nla_put_u16(skb, IFLA_NVO_DSTPORT, ntohs(c->dst_port)) ||
	    nla_put_u16(skb, IFLA_NVO_GENEVE_PORT, ntohs(c->geneve_port)) ||
	    nla_put_u16(skb, IFLA_NVO_SPORT_MIN, c->sport_min) ||
	    nla_put_u16(skb, IFLA_NVO_SPORT_MAX, c->sport_max) ||
	    nla_put_u8(skb, IFLA_NVO_ENCAP, c->encap) ||
	    nla_put_u8(skb, IFLA_NVO_TTL, c->ttl) ||
	    nla_put_u8(skb, IFLA_NVO_TTL_INHERIT, c->ttl_inherit) ||
	    nla_put_u8(skb, IFLA_NVO_TOS, c->tos) ||
	    nla_put_u8(skb, IFLA_NVO_TOS_INHERIT, c->tos_inherit) ||
	    nla_put_u8(skb, IFLA_NVO_UDP_CSUM, c->udp_csum) ||
	    nla_put_u8(skb, IFLA_NVO_UDP6_ZERO_CSUM_TX, c->udp6_zero_tx) ||
	    nla_put_u8(skb, IFLA_NVO_UDP6_ZERO_CSUM_RX, c->udp6_zero_rx) ||
	    nla_put_u8(skb, IFLA_NVO_GENEVE_PORT_ID, c->geneve_port_id) ||
	    nla_put_u8(skb, IFLA_NVO_GBP, c->gbp) ||
	    nla_put_u32(skb, IFLA_NVO_MAX_CONNS, c->max_conns) ||
	    nla_put_u8(skb, IFLA_NVO_LEARNING, c->learning) ||
	    nla_put_u32(skb, IFLA_NVO_AGEING, c->ageing) ||
	    nla_put_u32(skb, IFLA_NVO_MAX_VNIS, c->max_vnis) ||
	    nla_put_u32(skb, IFLA_NVO_MAX_FDB, c->max_fdb) ||
	    nla_put_u32(skb, IFLA_NVO_MAX_LEARNED, c->max_learned))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops nvo_link_ops __read_mostly = {
	.kind		= "nvo",
	.maxtype	= IFLA_NVO_MAX,
	.policy		= nvo_link_policy,
	.priv_size	= sizeof(struct nvo_dev),
	.setup		= nvo_setup,
	.validate	= nvo_validate,
	.newlink	= nvo_newlink,
	.changelink	= nvo_changelink,
	.dellink	= nvo_dellink,
	.get_size	= nvo_get_size,
	.fill_info	= nvo_fill_info,
};

static int __net_init nvo_net_init(struct net *net)
{
	struct nvo_net *nn = net_generic(net, nvo_net_id);

	INIT_LIST_HEAD(&nn->devs);
	return 0;
}

/* Devices go before the namespace's sockets and ports do. */
static void __net_exit nvo_net_exit_batch(struct list_head *net_list)
{
	struct nvo_dev *nvo, *tmp;
	struct net *net;
	LIST_HEAD(kill);

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list) {
		struct nvo_net *nn = net_generic(net, nvo_net_id);

		list_for_each_entry_safe(nvo, tmp, &nn->devs, list)
			nvo_dellink(nvo->dev, &kill);
	}
	unregister_netdevice_many(&kill);
	rtnl_unlock();
}

static struct pernet_operations nvo_net_ops = {
	.init		= nvo_net_init,
	.exit_batch	= nvo_net_exit_batch,
	.id		= &nvo_net_id,
	.size		= sizeof(struct nvo_net),
};

int nvo_device_init(void)
{
	int err;

	err = register_pernet_device(&nvo_net_ops);
	if (err)
		return err;
	err = rtnl_link_register(&nvo_link_ops);
	if (err)
		unregister_pernet_device(&nvo_net_ops);
	return err;
}

void nvo_device_exit(void)
{
	rtnl_link_unregister(&nvo_link_ops);
	unregister_pernet_device(&nvo_net_ops);
}
