// SPDX-License-Identifier: GPL-2.0
/*
 * The underlay side: the UDP tunnel sockets a device receives on while it
 * is up (VXLAN and GENEVE, IPv4 and IPv6), encapsulated transmission
 * towards remote VTEPs, and the decapsulation both encapsulations share.
 */

#include <linux/if_vlan.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "nvo.h"

static const struct nvo_encap_ops *nvo_encap_ops(enum nvo_encap encap)
{
	return encap == NVO_ENCAP_GENEVE ? &nvo_geneve_ops : &nvo_vxlan_ops;
}

static __be16 nvo_encap_port(const struct nvo_dev *nvo, enum nvo_encap encap)
{
	return encap == NVO_ENCAP_GENEVE ? READ_ONCE(nvo->cfg.geneve_port) :
					   READ_ONCE(nvo->cfg.dst_port);
}

static int nvo_sock_open(struct nvo_dev *nvo, enum nvo_encap encap, bool v6)
{
	const struct nvo_encap_ops *ops = nvo_encap_ops(encap);
	struct net *net = dev_net(nvo->dev);
	struct udp_port_cfg conf = {
		.local_udp_port = nvo_encap_port(nvo, encap),
	};
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = nvo,
		.encap_type = 1,
		.encap_rcv = ops->encap_rcv,
		.gro_receive = ops->gro_receive,
		.gro_complete = ops->gro_complete,
	};
	struct socket *sock;
	int err;

	if (v6) {
		conf.family = AF_INET6;
		conf.ipv6_v6only = 1;
		conf.use_udp6_rx_checksums = !nvo->cfg.udp6_zero_rx;
		conf.use_udp6_tx_checksums = !nvo->cfg.udp6_zero_tx;
	} else {
		conf.family = AF_INET;
	}
	err = udp_sock_create(net, &conf, &sock);
	if (err)
		return err;
	setup_udp_tunnel_sock(net, sock, &tcfg);
	rcu_assign_pointer(nvo->sock[encap - 1][v6], sock);
	return 0;
}

void nvo_tunnel_close(struct nvo_dev *nvo)
{
	struct socket *sock;
	int e, v6;

	for (e = 0; e < NVO_ENCAP_MAX; e++) {
		for (v6 = 0; v6 < 2; v6++) {
			sock = rtnl_dereference(nvo->sock[e][v6]);
			if (!sock)
				continue;
			RCU_INIT_POINTER(nvo->sock[e][v6], NULL);
			/* Clears the user data and waits for receivers. */
			udp_tunnel_sock_release(sock);
		}
	}
}

/* Both encapsulations listen, so each VNI may use either; IPv6 only where
 * the kernel has it.
 */
int nvo_tunnel_open(struct nvo_dev *nvo)
{
	int encap, err;

	for (encap = 1; encap <= NVO_ENCAP_MAX; encap++) {
		err = nvo_sock_open(nvo, encap, false);
		if (err)
			goto err;
		if (!ipv6_mod_enabled())
			continue;
		err = nvo_sock_open(nvo, encap, true);
		if (err)
			goto err;
	}
	return 0;
err:
	nvo_tunnel_close(nvo);
	return err;
}

bool nvo_tunnel_running(struct nvo_dev *nvo)
{
	return rcu_access_pointer(nvo->sock[0][0]);
}

/* A frame that is itself a tunnel packet with offloads pending (a VM or
 * container running VXLAN or GRE) has inner headers of its own, and an
 * skb can describe only one level: finish its offloads in software, then
 * encapsulate the plain frames.
 */
static void nvo_tunnel_xmit_nested(struct nvo_dev *nvo, struct nvo_vni *vni,
				   struct nvo_port *in, struct sk_buff *skb,
				   const struct nvo_addr *remote)
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

/* What the header will say of the sending port: its identity and groups
 * in GENEVE options when the device sends them, its first group in
 * VXLAN-GBP when the device has GBP on.
 */
static void nvo_tx_id(const struct nvo_dev *nvo, const struct nvo_port *in,
		      enum nvo_encap encap, struct nvo_tx_id *id)
{
	id->port_id = 0;
	id->groups = NULL;
	if (!in)
		return;
	if (encap == NVO_ENCAP_GENEVE && READ_ONCE(nvo->cfg.geneve_port_id)) {
		id->port_id = in->id;
		id->groups = rcu_dereference(in->sgs);
	} else if (encap == NVO_ENCAP_VXLAN && READ_ONCE(nvo->cfg.gbp)) {
		id->groups = rcu_dereference(in->sgs);
	}
}

/* How an encapsulated frame leaves: everything but the route. */
struct nvo_xmit {
	struct socket *sock;
	const struct nvo_encap_ops *ops;
	__be16 sport, dport;
	u8 tos, ttl;
	unsigned int hlen;		/* outer IP, UDP and encap headers */
	struct nvo_tx_id id;
};

union nvo_saddr {
	__be32 ip4;
	struct in6_addr ip6;
};

/* This CPU's cached route, if it is for @remote with @tos. Marked frames
 * may be policy-routed: they are never cached. BH is off on the
 * transmit path, which keeps this CPU's slot to us.
 */
static struct nvo_route_key *nvo_route_key(struct nvo_dev *nvo,
					   struct sk_buff *skb,
					   const struct nvo_addr *remote,
					   u8 tos, bool *hit)
{
	struct nvo_route_key *k;

	*hit = false;
	if (skb->mark)
		return NULL;
	k = this_cpu_ptr(nvo->route_key);
	*hit = k->tos == tos && nvo_addr_equal(&k->remote, remote);
	return k;
}

static void nvo_route_keep(struct nvo_route_key *k,
			   const struct nvo_addr *remote, u8 tos)
{
	k->remote = *remote;
	k->tos = tos;
}

static struct dst_entry *nvo_route4(struct nvo_dev *nvo, struct sk_buff *skb,
				    const struct nvo_addr *remote,
				    struct nvo_xmit *x, union nvo_saddr *saddr)
{
	struct flowi4 fl4 = {
		.flowi4_proto = IPPROTO_UDP,
		.flowi4_tos = RT_TOS(x->tos),
		.flowi4_mark = skb->mark,
		.daddr = remote->ip4,
		.saddr = READ_ONCE(nvo->cfg.local_ip),
		.fl4_dport = x->dport,
		.fl4_sport = x->sport,
	};
	struct nvo_route_key *k;
	struct rtable *rt;
	bool hit;

	k = nvo_route_key(nvo, skb, remote, fl4.flowi4_tos, &hit);
	if (hit) {
		rt = dst_cache_get_ip4(&nvo->dst_cache, &saddr->ip4);
		if (rt)
			return &rt->dst;
	}
	rt = ip_route_output_key(dev_net(nvo->dev), &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	saddr->ip4 = fl4.saddr;
	if (k) {
		dst_cache_set_ip4(&nvo->dst_cache, &rt->dst, fl4.saddr);
		nvo_route_keep(k, remote, fl4.flowi4_tos);
	}
	return &rt->dst;
}

static struct dst_entry *nvo_route6(struct nvo_dev *nvo, struct sk_buff *skb,
				    const struct nvo_addr *remote,
				    struct nvo_xmit *x, union nvo_saddr *saddr)
{
	struct flowi6 fl6 = {
		.flowi6_proto = IPPROTO_UDP,
		.flowi6_mark = skb->mark,
		.flowlabel = ip6_make_flowinfo(RT_TOS(x->tos), 0),
		.daddr = remote->ip6,
		.saddr = nvo->cfg.local_ip6,
		.fl6_dport = x->dport,
		.fl6_sport = x->sport,
	};
	struct nvo_route_key *k;
	struct dst_entry *dst;
	bool hit;

	k = nvo_route_key(nvo, skb, remote, RT_TOS(x->tos), &hit);
	if (hit) {
		dst = dst_cache_get_ip6(&nvo->dst_cache, &saddr->ip6);
		if (dst)
			return dst;
	}
	dst = ipv6_stub->ipv6_dst_lookup_flow(dev_net(nvo->dev), x->sock->sk,
					      &fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	saddr->ip6 = fl6.saddr;
	if (k) {
		dst_cache_set_ip6(&nvo->dst_cache, dst, &fl6.saddr);
		nvo_route_keep(k, remote, RT_TOS(x->tos));
	}
	return dst;
}

/* Outer DSCP and ECN (RFC 6040 normal mode: the inner ECN field is
 * copied) and TTL, from the device's settings and the inner IP header.
 */
static void nvo_xmit_tos_ttl(struct nvo_dev *nvo, struct sk_buff *skb,
			     struct nvo_xmit *x)
{
	const struct iphdr *iph = ip_hdr(skb);
	u8 tos = READ_ONCE(nvo->cfg.tos), ttl = 0;

	if (READ_ONCE(nvo->cfg.tos_inherit))
		tos = ip_tunnel_get_dsfield(iph, skb) & ~INET_ECN_MASK;
	x->tos = ip_tunnel_ecn_encap(tos, iph, skb);
	if (READ_ONCE(nvo->cfg.ttl_inherit))
		ttl = ip_tunnel_get_ttl(iph, skb);
	x->ttl = ttl ?: READ_ONCE(nvo->cfg.ttl);
}

void nvo_tunnel_xmit(struct nvo_dev *nvo, struct nvo_vni *vni,
		     struct nvo_port *in, struct sk_buff *skb,
		     const struct nvo_addr *remote)
{
	enum nvo_encap encap = nvo_vni_encap(nvo, vni);
	bool v6 = remote->family == AF_INET6;
	struct net *net = dev_net(nvo->dev);
	unsigned int len = skb->len;
	union nvo_saddr saddr;
	struct sk_buff *next;
	struct dst_entry *dst;
	struct nvo_xmit x;
	enum nvo_drop why;
	bool csum;
	int err;

	if (nvo_frag_pending(skb)) {
		skb = nvo_frag_split(nvo, skb);
		if (!skb)
			nvo_drop(nvo, vni, in, NULL, NVO_DROP_NOMEM);
		skb_list_walk_safe(skb, skb, next) {
			skb_mark_not_on_list(skb);
			nvo_tunnel_xmit(nvo, vni, in, skb, remote);
		}
		return;
	}
	x.sock = rcu_dereference(nvo->sock[encap - 1][v6]);
	if (unlikely(!x.sock)) {
		why = v6 && nvo_tunnel_running(nvo) ? NVO_DROP_NO_ROUTE :
						      NVO_DROP_DEV_DOWN;
		goto drop;
	}
	if (unlikely(skb->encapsulation)) {
		nvo_tunnel_xmit_nested(nvo, vni, in, skb, remote);
		return;
	}
	x.ops = nvo_encap_ops(encap);
	x.dport = nvo_encap_port(nvo, encap);
	nvo_tx_id(nvo, in, encap, &x.id);
	/* ECMP entropy for the underlay: one source port per inner flow. */
	x.sport = udp_flow_src_port(net, skb, READ_ONCE(nvo->cfg.sport_min),
				    READ_ONCE(nvo->cfg.sport_max), true);
	nvo_xmit_tos_ttl(nvo, skb, &x);
	x.hlen = (v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr)) +
		 sizeof(struct udphdr) + x.ops->hlen(nvo, &x.id);

	dst = v6 ? nvo_route6(nvo, skb, remote, &x, &saddr) :
		   nvo_route4(nvo, skb, remote, &x, &saddr);
	if (IS_ERR(dst)) {
		why = NVO_DROP_NO_ROUTE;
		goto drop;
	}
	if (unlikely(dst->dev == nvo->dev)) {
		why = NVO_DROP_LOOP;
		goto drop_dst;
	}
	/* Too big for the path and not to be fragmented: the sender gets
	 * the ICMP error a router would send, from the destination it
	 * tried to reach.
	 */
	err = skb_tunnel_check_pmtu(skb, dst, x.hlen + ETH_HLEN, true);
	if (unlikely(err)) {
		dst_release(dst);
		nvo_drop(nvo, vni, in, err < 0 ? skb : NULL, NVO_DROP_TOO_BIG);
		if (err > 0)
			nvo_port_deliver(in, skb);
		return;
	}
	if (!x.ttl)
		x.ttl = v6 ? ip6_dst_hoplimit(dst) :
			     ip4_dst_hoplimit(dst);

	why = NVO_DROP_NOMEM;
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			 x.hlen))
		goto drop_dst;
	/* Padded as an Ethernet wire would: the tunnel helpers count a frame
	 * with nothing after its Ethernet header as a drop, though they send
	 * it.
	 */
	if (unlikely(skb->len < ETH_ZLEN) && skb_put_padto(skb, ETH_ZLEN)) {
		dst_release(dst);
		nvo_drop(nvo, vni, in, NULL, NVO_DROP_NOMEM);
		return;
	}
	csum = v6 ? !READ_ONCE(nvo->cfg.udp6_zero_tx) :
		    READ_ONCE(nvo->cfg.udp_csum);
	/* A GSO superframe stays whole: the underlay segments it. */
	if (udp_tunnel_handle_offloads(skb, csum))
		goto drop_dst;
	x.ops->push(skb, vni, &x.id);
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	/* The tunnel xmit helpers account into skb->dev's tstats. */
	skb->dev = nvo->dev;
	skb_clear_tstamp(skb);

	/* Handed to the underlay; a later failure is the device's "xmit". */
	nvo_count(vni->stats, true, len);
	if (v6)
		udp_tunnel6_xmit_skb(dst, x.sock->sk, skb, nvo->dev, &saddr.ip6,
				     (struct in6_addr *)&remote->ip6, x.tos,
				     x.ttl, 0, x.sport, x.dport, !csum);
	else
		udp_tunnel_xmit_skb(container_of(dst, struct rtable, dst),
				    x.sock->sk, skb, saddr.ip4,
				    remote->ip4, x.tos, x.ttl, 0, x.sport,
				    x.dport, false, !csum);
	return;

drop_dst:
	dst_release(dst);
drop:
	nvo_drop(nvo, vni, in, skb, why);
}

/* The tenant frame's network header, behind up to VLAN_MAX_DEPTH VLAN
 * tags, made linear; its type, or 0 when it is not IP (or hides behind
 * more tags than that, which nothing then reads). skb->data is at the
 * inner Ethernet header. False when a tag or the IP header is cut short.
 */
static bool nvo_inner_nh(struct sk_buff *skb, __be16 *type)
{
	unsigned int off = ETH_HLEN, n, nhlen = 0;
	const struct vlan_hdr *vh;

	*type = eth_hdr(skb)->h_proto;
	for (n = 0; eth_type_vlan(*type); n++) {
		if (n == VLAN_MAX_DEPTH) {
			*type = 0;
			break;
		}
		if (!pskb_may_pull(skb, off + VLAN_HLEN))
			return false;
		vh = (const struct vlan_hdr *)(skb->data + off);
		*type = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	skb_set_network_header(skb, off);
	if (*type == htons(ETH_P_IP))
		nhlen = sizeof(struct iphdr);
	else if (*type == htons(ETH_P_IPV6))
		nhlen = sizeof(struct ipv6hdr);
	else
		*type = 0;
	return pskb_may_pull(skb, off + nhlen);
}

/* RFC 6040: an outer CE mark is carried into an ECN-capable inner packet;
 * a not-ECT inner packet (non-IP frames included) marked CE outside must
 * be dropped. Reads and marks the header nvo_inner_nh() found, and no
 * other, whatever VLAN tags precede it. 0, or why the frame is dropped.
 */
static int nvo_ecn_decap(const void *oiph, struct sk_buff *skb, __be16 type)
{
	u8 outer = ((const struct iphdr *)oiph)->version == 4 ?
		   ((const struct iphdr *)oiph)->tos :
		   ipv6_get_dsfield((const struct ipv6hdr *)oiph);
	bool v4 = type == htons(ETH_P_IP), set_ce = false;
	u8 inner = 0;
	unsigned int len;

	if (INET_ECN_is_not_ect(outer))
		return 0;
	if (type) {
		/* Marking writes to the inner header. */
		len = v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
		if (skb_ensure_writable(skb, skb_network_offset(skb) + len))
			return NVO_DROP_NOMEM;
		inner = v4 ? ipv4_get_dsfield(ip_hdr(skb)) :
			     ipv6_get_dsfield(ipv6_hdr(skb));
	}
	switch (__INET_ECN_decapsulate(outer, inner, &set_ce)) {
	case 0:
		break;
	case 1:			/* ECT outside, not-ECT inside: deliver */
		return 0;
	default:
		return NVO_DROP_ECN;
	}
	if (set_ce && v4)
		IP_ECN_set_ce(ip_hdr(skb));
	else if (set_ce)
		IP6_ECN_set_ce(skb, ipv6_hdr(skb));
	else if ((outer & INET_ECN_MASK) == INET_ECN_ECT_1 && v4)
		IP_ECN_set_ect1(ip_hdr(skb));
	else if ((outer & INET_ECN_MASK) == INET_ECN_ECT_1)
		IP6_ECN_set_ect1(skb, ipv6_hdr(skb));
	return 0;
}

/* Shared by the encapsulations once they checked their header and found
 * the VNI: skb->data is at the UDP header, @hlen bytes of UDP and
 * encapsulation header precede the tenant frame.
 */
void nvo_tunnel_rcv(struct nvo_dev *nvo, struct nvo_vni *vni,
		    struct sk_buff *skb, unsigned int hlen)
{
	int nh = skb_network_header(skb) - skb->head;
	__be16 type;
	int why;

	NVO_RX_ID(skb)->outer_nh = nh;
	NVO_RX_ID(skb)->trusted = -1;
	NVO_CB(skb)->mru = 0;
	/* Also makes the inner Ethernet header linear, or fails. */
	if (__iptunnel_pull_header(skb, hlen, htons(ETH_P_TEB), false, false)) {
		nvo_drop(nvo, vni, NULL, skb, NVO_DROP_TRUNCATED);
		return;
	}
	skb_reset_mac_header(skb);
	if (!nvo_inner_nh(skb, &type)) {
		nvo_drop(nvo, vni, NULL, skb, NVO_DROP_TRUNCATED);
		return;
	}
	why = nvo_ecn_decap(skb->head + nh, skb, type);
	if (why) {
		nvo_drop(nvo, vni, NULL, skb, why);
		return;
	}
	/* Like iptunnel_xmit() on the way out, from the inner L3 header. */
	dev_sw_netstats_rx_add(nvo->dev, skb->len - ETH_HLEN);
	nvo_count(vni->stats, false, skb->len);
	nvo_switch_from_tunnel(vni, skb);
}

u32 nvo_tunnel_overhead(struct nvo_dev *nvo, struct nvo_vni *vni,
			sa_family_t family)
{
	enum nvo_encap encap = nvo_vni_encap(nvo, vni);

	return (family == AF_INET6 ? sizeof(struct ipv6hdr) :
				     sizeof(struct iphdr)) +
	       sizeof(struct udphdr) + nvo_encap_ops(encap)->hlen(nvo, NULL) +
	       ETH_HLEN;
}

/* What encapsulation costs a VM of @vni (the worst over the families of
 * its flood list, IPv4 when empty), and the largest MTU it can use: the
 * smallest path MTU to its flood list less that overhead, 0 when the VNI
 * floods to nobody. Caller holds RCU or RTNL.
 */
void nvo_tunnel_mtu(struct nvo_dev *nvo, struct nvo_vni *vni, u32 *mtup,
		    u32 *overhead)
{
	const struct nvo_flood *fl = rcu_dereference_rtnl(vni->flood);
	struct net *net = dev_net(nvo->dev);
	u32 mtu = 0, path, over;
	struct dst_entry *dst;
	unsigned int i;

	*overhead = nvo_tunnel_overhead(nvo, vni, AF_INET);

	for (i = 0; fl && i < fl->n; i++) {
		const struct nvo_addr *r = &fl->remote[i];

		if (r->family == AF_INET6) {
			struct flowi6 fl6 = { .daddr = r->ip6,
					      .saddr = nvo->cfg.local_ip6 };

			dst = ipv6_stub->ipv6_dst_lookup_flow(net, NULL, &fl6,
							      NULL);
		} else {
			struct flowi4 fl4 = { .daddr = r->ip4,
					      .saddr = nvo->cfg.local_ip };
			struct rtable *rt = ip_route_output_key(net, &fl4);

			dst = IS_ERR(rt) ? ERR_CAST(rt) : &rt->dst;
		}
		if (IS_ERR(dst))
			continue;
		path = dst_mtu(dst);
		dst_release(dst);
		over = nvo_tunnel_overhead(nvo, vni, r->family);
		*overhead = max(*overhead, over);
		if (path > over && (!mtu || path - over < mtu))
			mtu = path - over;
	}
	*mtup = mtu;
}
