// SPDX-License-Identifier: GPL-2.0
/*
 * The underlay side: the UDP tunnel socket a device receives on while it
 * is up, and encapsulated transmission towards remote VTEPs.
 */

#include <net/ip_tunnels.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "nvo.h"

int nvo_tunnel_open(struct nvo_dev *nvo)
{
	struct net *net = dev_net(nvo->dev);
	struct udp_port_cfg conf = {
		.family = AF_INET,
		.local_ip.s_addr = htonl(INADDR_ANY),
		.local_udp_port = nvo->cfg.dst_port,
	};
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = nvo,
		.encap_type = 1,
		.encap_rcv = nvo_vxlan_rcv,
	};
	struct socket *sock;
	int err;

	err = udp_sock_create(net, &conf, &sock);
	if (err)
		return err;
	setup_udp_tunnel_sock(net, sock, &tcfg);
	rcu_assign_pointer(nvo->sock, sock);
	return 0;
}

void nvo_tunnel_close(struct nvo_dev *nvo)
{
	struct socket *sock = rtnl_dereference(nvo->sock);

	if (!sock)
		return;
	RCU_INIT_POINTER(nvo->sock, NULL);
	/* Clears the socket's user data and waits for receivers. */
	udp_tunnel_sock_release(sock);
}

/* A frame that is itself a tunnel packet with offloads pending (a VM or
 * container running VXLAN or GRE) has inner headers of its own, and an
 * skb can describe only one level: finish its offloads in software, then
 * encapsulate the plain frames.
 */
static void nvo_tunnel_xmit_nested(struct nvo_dev *nvo, struct nvo_vni *vni,
				   struct nvo_port *in, struct sk_buff *skb,
				   __be32 remote)
{
	struct sk_buff *segs, *next;

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs)) {
			nvo_drop(nvo, vni, in, skb, NVO_DROP_NOMEM);
			return;
		}
		consume_skb(skb);
		skb_list_walk_safe(segs, skb, next) {
			skb_mark_not_on_list(skb);
			skb->encapsulation = 0;
			nvo_tunnel_xmit(nvo, vni, in, skb, remote);
		}
		return;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		nvo_drop(nvo, vni, in, skb, NVO_DROP_NOMEM);
		return;
	}
	skb->encapsulation = 0;
	nvo_tunnel_xmit(nvo, vni, in, skb, remote);
}

void nvo_tunnel_xmit(struct nvo_dev *nvo, struct nvo_vni *vni,
		     struct nvo_port *in, struct sk_buff *skb, __be32 remote)
{
	struct socket *sock = rcu_dereference(nvo->sock);
	__be16 dport = nvo->cfg.dst_port, sport;
	struct net *net = dev_net(nvo->dev);
	unsigned int len = skb->len;
	struct flowi4 fl4 = {};
	enum nvo_drop why;
	struct rtable *rt;

	if (unlikely(!sock)) {
		why = NVO_DROP_DEV_DOWN;
		goto drop;
	}
	if (unlikely(skb->encapsulation)) {
		nvo_tunnel_xmit_nested(nvo, vni, in, skb, remote);
		return;
	}
	/* ECMP entropy for the underlay: one source port per inner flow. */
	sport = udp_flow_src_port(net, skb, 0, 0, true);
	fl4.flowi4_proto = IPPROTO_UDP;
	fl4.daddr = remote;
	fl4.saddr = READ_ONCE(nvo->cfg.local_ip);
	fl4.fl4_dport = dport;
	fl4.fl4_sport = sport;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		why = NVO_DROP_NO_ROUTE;
		goto drop;
	}
	if (unlikely(rt->dst.dev == nvo->dev)) {
		why = NVO_DROP_LOOP;
		goto drop_rt;
	}
	why = NVO_DROP_NOMEM;
	if (skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			 rt->dst.header_len + sizeof(struct iphdr) +
			 NVO_VXLAN_HLEN))
		goto drop_rt;
	/* A GSO superframe stays whole: the underlay segments it. */
	if (udp_tunnel_handle_offloads(skb, false))
		goto drop_rt;
	nvo_vxlan_push(skb, vni->vni);
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	/* iptunnel_xmit() accounts into skb->dev's tstats: it must be ours. */
	skb->dev = nvo->dev;
	skb_clear_tstamp(skb);

	/* Handed to the underlay; a later failure is the device's "xmit". */
	nvo_count(vni->stats, true, len);
	udp_tunnel_xmit_skb(rt, sock->sk, skb, fl4.saddr, remote, 0,
			    ip4_dst_hoplimit(&rt->dst), 0, sport, dport,
			    false, true);
	return;

drop_rt:
	ip_rt_put(rt);
drop:
	nvo_drop(nvo, vni, in, skb, why);
}
