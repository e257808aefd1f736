// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements from the anycast gateway: a VM's router
 * solicitation is answered on its own host with what its VNI's router
 * interface says, so that IPv6 VMs configure themselves (SLAAC) with no
 * router daemon anywhere: the gateway's link-local address and MAC, the
 * interface's prefix (autonomous when it is a /64) and the largest MTU
 * the VNI carries.
 */

#include <asm/unaligned.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "nvo.h"

/* RFC 4861 6.2.1's defaults: AdvDefaultLifetime 1800 s (at most 9000),
 * and RFC 4862's customary prefix lifetimes (30 days valid, 7 preferred).
 */
#define NVO_RA_LIFETIME		1800
#define NVO_RA_LIFETIME_MAX	9000
#define NVO_RA_VALID		2592000
#define NVO_RA_PREFERRED	604800
#define NVO_RA_PREFIX_LEN	32	/* bytes of the prefix option */

/* RFC 4861's MaxRtrAdvInterval default is 600 s; a third of the router
 * lifetime leaves room for two lost advertisements.
 */
static unsigned int ra_interval = 600;
module_param(ra_interval, uint, 0644);
MODULE_PARM_DESC(ra_interval,
		 "seconds between unsolicited router advertisements (0: none; at most 3000)");

/* Seconds between unsolicited advertisements: at most a third of the
 * longest router lifetime.
 */
static unsigned int nvo_ra_interval(void)
{
	return min_t(unsigned int, READ_ONCE(ra_interval),
		     NVO_RA_LIFETIME_MAX / 3);
}

/* Three intervals, so that two lost advertisements cost no VM its default
 * route, and never less than the default (RFC 4861 6.2.1: at least
 * MaxRtrAdvInterval).
 */
static u16 nvo_ra_lifetime(void)
{
	return max_t(unsigned int, 3 * nvo_ra_interval(), NVO_RA_LIFETIME);
}

/* The advertisement's options after the message: the gateway's MAC, the
 * VNI's MTU (when known), the interface's prefix.
 */
static void nvo_ra_fill(u8 *p, const struct nvo_rif *rif, u32 mtu)
{
	struct ra_msg *msg = (struct ra_msg *)p;
	struct in6_addr prefix;

	msg->icmph.icmp6_type = NDISC_ROUTER_ADVERTISEMENT;
	msg->icmph.icmp6_hop_limit = 64;
	msg->icmph.icmp6_rt_lifetime = htons(nvo_ra_lifetime());
	p += sizeof(*msg);
	p[0] = ND_OPT_SOURCE_LL_ADDR;
	p[1] = 1;
	ether_addr_copy(p + 2, rif->mac);
	p += 8;
	if (mtu) {
		p[0] = ND_OPT_MTU;
		p[1] = 1;
		put_unaligned_be32(mtu, p + 4);
		p += 8;
	}
	/* RFC 4861 4.6.2: type, length, prefix length, L and A flags,
	 * valid and preferred lifetimes, 4 reserved bytes, the prefix.
	 */
	p[0] = ND_OPT_PREFIX_INFO;
	p[1] = NVO_RA_PREFIX_LEN / 8;
	p[2] = rif->plen6;
	/* SLAAC makes 64-bit interface identifiers only. */
	p[3] = 0x80 | (rif->plen6 == 64 ? 0x40 : 0);
	put_unaligned_be32(NVO_RA_VALID, p + 4);
	put_unaligned_be32(NVO_RA_PREFERRED, p + 8);
	ipv6_addr_prefix(&prefix, &rif->ip6, rif->plen6);
	memcpy(p + 16, &prefix, sizeof(prefix));
}

const u8 nvo_all_nodes_mac[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };

/* An advertisement of @rif for port @in, to @daddr at @dmac. */
static struct sk_buff *nvo_ra_build(struct nvo_port *in,
				    const struct nvo_rif *rif,
				    const struct in6_addr *daddr,
				    const u8 *dmac)
{
	struct net_device *dev = in->dev;
	unsigned int len;
	u32 mtu, overhead;
	struct ipv6hdr *ip6;
	struct ethhdr *eth;
	struct sk_buff *ra;
	u8 *msg;

	nvo_tunnel_mtu(in->nvo, in->vni, &mtu, &overhead);
	/* IPv6 hosts ignore an MTU below its minimum (RFC 8200 5). */
	if (mtu < IPV6_MIN_MTU)
		mtu = 0;
	len = sizeof(struct ra_msg) + 8 + (mtu ? 8 : 0) + NVO_RA_PREFIX_LEN;
	ra = alloc_skb(LL_RESERVED_SPACE(dev) + ETH_HLEN + sizeof(*ip6) + len +
		       dev->needed_tailroom, GFP_ATOMIC);
	if (!ra)
		return NULL;
	skb_reserve(ra, LL_RESERVED_SPACE(dev) + ETH_HLEN);
	skb_reset_network_header(ra);
	ip6 = skb_put(ra, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = rif->ll6;
	ip6->daddr = *daddr;
	msg = skb_put_zero(ra, len);
	nvo_ra_fill(msg, rif, mtu);
	((struct icmp6hdr *)msg)->icmp6_cksum =
		csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
				csum_partial(msg, len, 0));

	eth = skb_push(ra, ETH_HLEN);
	skb_reset_mac_header(ra);
	ether_addr_copy(eth->h_dest, dmac);
	ether_addr_copy(eth->h_source, rif->mac);
	eth->h_proto = htons(ETH_P_IPV6);
	ra->protocol = htons(ETH_P_IPV6);
	ra->dev = dev;
	return ra;
}

/* The solicitation in @skb (checked by arpnd.c: hop limit 255, code 0),
 * answered; true once @skb is consumed.
 */
bool nvo_ra_answer(struct nvo_port *in, const struct nvo_rif *rif,
		   struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const struct ipv6hdr *rs = (const struct ipv6hdr *)(eth + 1);
	struct in6_addr all_nodes;
	struct sk_buff *ra;

	/* From "::" (RFC 4861 6.2.6): to all nodes. */
	if (ipv6_addr_any(&rs->saddr)) {
		ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
		ra = nvo_ra_build(in, rif, &all_nodes, nvo_all_nodes_mac);
	} else {
		ra = nvo_ra_build(in, rif, &rs->saddr, eth->h_source);
	}
	if (!ra) {
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_NOMEM);
		return true;
	}
	consume_skb(skb);
	nvo_neigh_counted(in, true);
	nvo_port_deliver(in, ra);
	return true;
}

/* Unsolicited advertisements to every port of a VNI with an IPv6
 * gateway, every ra_interval seconds at most: a VM solicits only when its
 * interface comes up, and would lose its default route when the router
 * lifetime runs out. From the device's periodic work.
 */
void nvo_ra_periodic(struct nvo_dev *nvo)
{
	unsigned long interval = (unsigned long)nvo_ra_interval() * HZ;
	unsigned long idx;
	const struct nvo_rif *rif;
	struct in6_addr all_nodes;
	struct nvo_port *port;
	struct sk_buff *ra;

	/* Due from the last round, so that a new interval counts at once. */
	if (!interval || time_before(jiffies, nvo->ra_last + interval))
		return;
	nvo->ra_last = jiffies;
	ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
	/* The packet path's context: counters are per CPU. */
	local_bh_disable();
	rcu_read_lock();
	xa_for_each(&nvo->ports, idx, port) {
		rif = rcu_dereference(port->vni->rif);
		if (!rif || !rif->has6 || !netif_running(port->dev))
			continue;
		ra = nvo_ra_build(port, rif, &all_nodes, nvo_all_nodes_mac);
		if (ra)
			nvo_port_deliver(port, ra);
		else
			nvo_drop(nvo, port->vni, port, NULL, NVO_DROP_NOMEM);
	}
	rcu_read_unlock();
	local_bh_enable();
}
