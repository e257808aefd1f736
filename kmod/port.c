// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: VM taps and container veths attached to one VNI of an nvo device.
 * Frames a port receives enter the switch through its rx_handler; frames
 * for it leave through dev_queue_xmit().
 */

#include <linux/if_arp.h>
#include <linux/if_vlan.h>

#include "nvo.h"
#include "netlink.h"

static rx_handler_result_t nvo_port_rx(struct sk_buff **pskb);

static bool nvo_is_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == nvo_port_rx;
}

/* The switch carries VLAN tags inside the tenant frame; put back the one
 * the receive path moved into skb metadata.
 */
static int nvo_vlan_restore(struct sk_buff *skb)
{
	int err;

	err = __vlan_insert_tag(skb, skb->vlan_proto, skb_vlan_tag_get(skb));
	if (err)
		return err;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb_postpush_rcsum(skb, skb->data + 2 * ETH_ALEN, VLAN_HLEN);
	/* Offload decisions read the outer ethertype from skb->protocol. */
	skb->protocol = skb->vlan_proto;
	skb_reset_mac_len(skb);
	__vlan_hwaccel_clear_tag(skb);
	return 0;
}

static rx_handler_result_t nvo_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct nvo_port *port;
	struct nvo_dev *nvo;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	port = rcu_dereference(skb->dev->rx_handler_data);
	nvo = port->nvo;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		nvo_drop(nvo, port->vni, port, NULL, NVO_DROP_NOMEM);
		return RX_HANDLER_CONSUMED;
	}
	/* From here on the frame starts at its Ethernet header. */
	skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
	if (skb_vlan_tag_present(skb) && nvo_vlan_restore(skb)) {
		nvo_drop(nvo, port->vni, port, skb, NVO_DROP_NOMEM);
		return RX_HANDLER_CONSUMED;
	}
	/* Only the firewall's own conntrack entries travel with a frame. */
	nf_reset_ct(skb);
	NVO_CB(skb)->mru = 0;
	nvo_count(port->stats, false, skb->len);
	if (unlikely(!netif_running(nvo->dev))) {
		nvo_drop(nvo, port->vni, port, skb, NVO_DROP_DEV_DOWN);
		return RX_HANDLER_CONSUMED;
	}
	/* STP, LACP, 802.1X, PAUSE: link-local by IEEE 802.1D, never bridged. */
	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest))) {
		nvo_drop(nvo, port->vni, port, skb, NVO_DROP_LINK_LOCAL);
		return RX_HANDLER_CONSUMED;
	}
	nvo_switch_from_port(port, skb);
	return RX_HANDLER_CONSUMED;
}

void nvo_port_deliver(struct nvo_port *port, struct sk_buff *skb)
{
	struct net_device *dev = port->dev;
	unsigned int len = skb->len;
	struct sk_buff *next;
	int err;

	if (nvo_frag_pending(skb)) {
		skb = nvo_frag_split(port->nvo, skb);
		if (!skb)
			nvo_drop(port->nvo, port->vni, port, NULL, NVO_DROP_NOMEM);
		skb_list_walk_safe(skb, skb, next) {
			skb_mark_not_on_list(skb);
			nvo_port_deliver(port, skb);
		}
		return;
	}
	if (unlikely(!netif_running(dev) || !netif_carrier_ok(dev))) {
		nvo_drop(port->nvo, port->vni, port, skb, NVO_DROP_PORT_DOWN);
		return;
	}
	if (unlikely(!is_skb_forwardable(dev, skb))) {
		nvo_drop(port->nvo, port->vni, port, skb, NVO_DROP_MTU);
		return;
	}
	skb->dev = dev;
	/* A receive timestamp is not a departure time for the port's qdisc. */
	skb_clear_tstamp(skb);
	/* net_xmit_eval() evaluates its argument twice: keep the call out. */
	err = dev_queue_xmit(skb);
	if (unlikely(net_xmit_eval(err)))
		nvo_drop(port->nvo, port->vni, port, NULL, NVO_DROP_XMIT);
	else
		nvo_count(port->stats, true, len);
}

static void nvo_port_free(struct rcu_head *rcu)
{
	struct nvo_port *port = container_of(rcu, struct nvo_port, rcu);

	kfree(rcu_access_pointer(port->sgs));
	nvo_dhcp_free(port);
	free_percpu(port->stats);
	netdev_put(port->dev, &port->dev_tracker);
	kfree(port);
}

static int nvo_port_check(struct nvo_dev *nvo, struct net_device *dev,
			  const struct nlattr *attr,
			  struct netlink_ext_ack *extack)
{
	if (nvo_is_nvo(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "an nvo device cannot be a port");
		return -EINVAL;
	}
	if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a port must be an Ethernet device");
		return -EINVAL;
	}
	if (nvo_is_port(dev)) {
		struct nvo_port *port = rtnl_dereference(dev->rx_handler_data);

		if (port->nvo == nvo)
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "device is already a port of this nvo device");
		else
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "device is already a port of another nvo device");
		return -EBUSY;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "device already has a master (bridge, bond or VRF)");
		return -EBUSY;
	}
	if (netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "device is taken by another rx handler (macvlan, ipvlan, ...)");
		return -EBUSY;
	}
	return 0;
}

/* Outer headers at most (IPv6, UDP, GENEVE with nvo's option) and the
 * underlay's Ethernet header. A port that can (veth) has the sender's
 * stack reserve it, so encapsulation does not copy every small frame into
 * a bigger buffer.
 */
#define NVO_PORT_HEADROOM	(ETH_HLEN + sizeof(struct ipv6hdr) + \
				 sizeof(struct udphdr) + 16)

/* On failure @ps and @dhcp stay the caller's to free. */
static int nvo_port_attach(struct nvo_dev *nvo, struct nvo_vni *vni,
			   struct net_device *dev, u32 id,
			   struct nvo_port_sec *ps, struct nvo_dhcp *dhcp,
			   struct netlink_ext_ack *extack)
{
	struct nvo_port *port;
	int err = -ENOMEM;

	port = kzalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		return -ENOMEM;
	/* Bound before its first frame arrives. */
	RCU_INIT_POINTER(port->dhcp, dhcp);
	port->dev = dev;
	port->nvo = nvo;
	port->vni = vni;
	port->id = id;
	port->security = true;
	port->stats = nvo_stats_alloc();
	if (!port->stats)
		goto err_free;
	/* Dumps walk nvo->ports under RCU: publish only a complete port. */
	err = xa_reserve(&nvo->ports, dev->ifindex, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_stats;
	err = netdev_master_upper_dev_link(dev, nvo->dev, NULL, NULL, extack);
	if (err)
		goto err_xa;
	/* Tenant frames are addressed to VM MACs, not to the port's own. */
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_unlink;
	/* Its groups, too, hold from its first frame on. */
	nvo_port_sec_commit(port, ps);
	err = netdev_rx_handler_register(dev, nvo_port_rx, port);
	if (err)
		goto err_sec;

	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);
	netdev_set_rx_headroom(dev, NVO_PORT_HEADROOM);
	xa_store(&nvo->ports, dev->ifindex, port, GFP_KERNEL_ACCOUNT);
	list_add_tail_rcu(&port->vni_node, &vni->ports);
	WRITE_ONCE(vni->nports, vni->nports + 1);
	WRITE_ONCE(nvo->nports, nvo->nports + 1);
	nvo_changed(nvo);
	return 0;

err_sec:
	nvo_sg_port_release(port);
	dev_set_promiscuity(dev, -1);
err_unlink:
	netdev_upper_dev_unlink(dev, nvo->dev);
err_xa:
	xa_release(&nvo->ports, dev->ifindex);
err_stats:
	free_percpu(port->stats);
err_free:
	kfree(port);
	return err;
}

static void nvo_port_detach(struct nvo_port *port)
{
	struct nvo_dev *nvo = port->nvo;
	struct net_device *dev = port->dev;

	/* Waits for running handlers: none can learn this port again. */
	netdev_rx_handler_unregister(dev);
	list_del_rcu(&port->vni_node);
	WRITE_ONCE(port->vni->nports, port->vni->nports - 1);
	WRITE_ONCE(nvo->nports, nvo->nports - 1);
	xa_erase(&nvo->ports, dev->ifindex);
	nvo_fdb_flush_port(port);
	nvo_neigh_flush_port(port);
	nvo_sg_port_release(port);
	dev_set_promiscuity(dev, -1);
	netdev_reset_rx_headroom(dev);
	netdev_upper_dev_unlink(dev, nvo->dev);
	nvo_changed(nvo);
	call_rcu(&port->rcu, nvo_port_free);
}

void nvo_port_detach_all(struct nvo_dev *nvo)
{
	struct nvo_port *port;
	unsigned long idx;

	xa_for_each(&nvo->ports, idx, port)
		nvo_port_detach(port);
	xa_destroy(&nvo->ports);
}

static int nvo_port_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (!nvo_is_port(dev))
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_PRE_TYPE_CHANGE:
		/* It was attached as an Ethernet device (a tap's TUNSETLINK,
		 * a bond taking another type), as the bridge says too.
		 */
		return notifier_from_errno(-EBUSY);
	case NETDEV_UNREGISTER:
		/* Also seen when the port moves to another namespace. */
		nvo_port_detach(rtnl_dereference(dev->rx_handler_data));
		return NOTIFY_OK;
	}
	return NOTIFY_DONE;
}

static struct notifier_block nvo_port_notifier = {
	.notifier_call = nvo_port_event,
};

int nvo_port_init(void)
{
	return register_netdevice_notifier(&nvo_port_notifier);
}

void nvo_port_exit(void)
{
	unregister_netdevice_notifier(&nvo_port_notifier);
}

/* The device named by NVO_A_PORT_IFINDEX or NVO_A_PORT_IFNAME, in the
 * requester's namespace. Caller holds RTNL.
 */
struct net_device *nvo_nl_port_dev(struct genl_info *info,
				   const struct nlattr **attrp)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	struct net_device *dev;
	struct nlattr *attr;

	if (attrs[NVO_A_PORT_IFINDEX]) {
		attr = attrs[NVO_A_PORT_IFINDEX];
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else if (attrs[NVO_A_PORT_IFNAME]) {
		attr = attrs[NVO_A_PORT_IFNAME];
		dev = __dev_get_by_name(net, nla_data(attr));
	} else {
		NVO_NL_MISSING(info->extack, NVO_A_PORT_IFNAME,
			       "missing port device");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "port device not found in this network namespace");
		return ERR_PTR(-ENODEV);
	}
	*attrp = attr;
	return dev;
}

/* The port of this nvo device that the request names. */
int nvo_nl_port_find(struct genl_info *info, struct nvo_port **portp)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	const struct nlattr *attr;
	struct net_device *dev;
	struct nvo_port *port;

	dev = nvo_nl_port_dev(info, &attr);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	port = nvo_is_port(dev) ? rtnl_dereference(dev->rx_handler_data) : NULL;
	if (!port || port->nvo != nvo) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "device is not a port of this nvo device");
		return -ENOENT;
	}
	*portp = port;
	return 0;
}

int nvo_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_dev *nvo = info->user_ptr[0];
	const struct nlattr *attr;
	struct nvo_port_sec ps;
	struct net_device *dev;
	struct nvo_dhcp *dhcp;
	struct nvo_vni *vni;
	bool dhcp_given;
	int err;

	dev = nvo_nl_port_dev(info, &attr);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	err = nvo_port_check(nvo, dev, attr, info->extack);
	if (err)
		return err;
	err = nvo_nl_vni_find(info, &vni);
	if (err)
		return err;
	err = nvo_dhcp_prepare(info, &dhcp, &dhcp_given);
	if (err)
		return err;
	err = nvo_port_sec_prepare(nvo, vni, NULL, info, &ps);
	if (err) {
		kfree(dhcp);
		return err;
	}
	err = nvo_port_attach(nvo, vni, dev,
			      info->attrs[NVO_A_PORT_ID] ?
			      nla_get_u32(info->attrs[NVO_A_PORT_ID]) : 0,
			      &ps, dhcp, info->extack);
	if (err) {
		kfree(ps.set);
		kfree(dhcp);
	}
	return err;
}

/* Only what the request names changes. */
int nvo_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_port_sec ps;
	struct nvo_port *port;
	struct nvo_dhcp *dhcp;
	bool dhcp_given;
	int err;

	err = nvo_nl_port_find(info, &port);
	if (err)
		return err;
	err = nvo_dhcp_prepare(info, &dhcp, &dhcp_given);
	if (err)
		return err;
	err = nvo_port_sec_prepare(port->nvo, port->vni, port, info, &ps);
	if (err) {
		kfree(dhcp);
		return err;
	}
	nvo_port_sec_commit(port, &ps);
	if (dhcp_given)
		nvo_dhcp_commit(port, dhcp);
	nvo_changed(port->nvo);
	return 0;
}

int nvo_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nvo_port *port;
	int err;

	err = nvo_nl_port_find(info, &port);
	if (err)
		return err;
	nvo_port_detach(port);
	return 0;
}

static int nvo_port_fill(struct sk_buff *msg, struct nvo_port *port,
			 struct netlink_callback *cb)
{
	const struct nvo_sgset *set = rcu_dereference_rtnl(port->sgs);
	void *hdr;

	hdr = nvo_nl_put(msg, cb, NULL, NVO_CMD_PORT_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, NVO_A_IFINDEX, port->nvo->dev->ifindex) ||
	    nla_put_u32(msg, NVO_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(msg, NVO_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u32(msg, NVO_A_VNI, port->vni->vni) ||
	    nla_put_u32(msg, NVO_A_PORT_ID, port->id) ||
	    nla_put(msg, NVO_A_SG_IDS, set ? set->n * sizeof(u16) : 0,
		    set ? set->ids : NULL) ||
	    nla_put_u8(msg, NVO_A_PORT_SECURITY, READ_ONCE(port->security)) ||
	    nvo_dhcp_fill(msg, port) ||
	    nvo_stats_put(msg, port->stats)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[1]: the next port ifindex to dump. */
int nvo_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *vattr = genl_dumpit_info(cb)->attrs[NVO_A_VNI];
	unsigned long idx = cb->args[1];
	struct nvo_port *port;
	struct nvo_dev *nvo;
	int err;

	rcu_read_lock();
	nvo = nvo_nl_dump_dev(cb);
	if (IS_ERR(nvo)) {
		err = PTR_ERR(nvo);
		goto out;
	}
	xa_for_each_start(&nvo->ports, idx, port, idx) {
		if (vattr && port->vni->vni != nla_get_u32(vattr))
			continue;
		if (nvo_port_fill(skb, port, cb))
			break;
		cb->args[1] = idx + 1;
	}
	err = skb->len;
out:
	rcu_read_unlock();
	return err;
}
