// SPDX-License-Identifier: GPL-2.0
/*
 * ARP and IPv6 neighbour discovery from the ports: requests for addresses
 * in the VNI's neighbour table are answered here, so that they are not
 * flooded to every hypervisor of the VNI; the ports' own announcements
 * feed the table when the VNI learns.
 *
 * Only broadcast and multicast requests are answered: a unicast one is a
 * reachability check, which only the owner can answer truthfully.
 */

#include <linux/if_arp.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "nvo.h"

/* The ND option of @type carrying a MAC, or NULL. @len: the ICMPv6
 * message's length, all of it in the linear area.
 */
static const u8 *nvo_nd_lladdr(const struct nd_msg *msg, unsigned int len,
			       u8 type)
{
	const u8 *opt = msg->opt, *end = (const u8 *)msg + len;

	while (end - opt >= 2 && opt[1] && end - opt >= opt[1] * 8) {
		if (opt[0] == type && opt[1] == 1)
			return opt + 2;
		opt += opt[1] * 8;
	}
	return NULL;
}

static bool nvo_ip6_is_host(const struct in6_addr *ip)
{
	return (ipv6_addr_type(ip) & IPV6_ADDR_UNICAST) &&
	       !ipv6_addr_loopback(ip) && !ipv6_addr_v4mapped(ip);
}

static bool nvo_ip4_is_host(__be32 ip)
{
	return !ipv4_is_zeronet(ip) && !ipv4_is_multicast(ip) &&
	       !ipv4_is_lbcast(ip) && !ipv4_is_loopback(ip);
}

/* A request for an address the table does not have: true if dropped. */
static bool nvo_arpnd_unknown(struct nvo_port *in, struct sk_buff *skb)
{
	if (READ_ONCE(in->vni->neigh_unknown) == NVO_NEIGH_UNKNOWN_DROP) {
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_NEIGH_UNKNOWN);
		return true;
	}
	nvo_neigh_counted(in, false);
	return false;
}

/* The request @skb is answered by @reply (NULL: out of memory). */
void nvo_arpnd_answer(struct nvo_port *in, struct sk_buff *skb,
		      struct sk_buff *reply)
{
	consume_skb(skb);
	if (!reply) {
		nvo_drop(in->nvo, in->vni, in, NULL, NVO_DROP_NOMEM);
		return;
	}
	nvo_neigh_counted(in, true);
	nvo_port_deliver(in, reply);
}

static bool nvo_arp_rx(struct nvo_port *in, struct sk_buff *skb)
{
	const unsigned int hlen = ETH_HLEN + sizeof(struct arphdr) +
				  2 * (ETH_ALEN + sizeof(__be32));
	struct nvo_vni *vni = in->vni;
	const struct ethhdr *eth;
	const struct arphdr *arp;
	struct sk_buff *reply;
	const struct nvo_neigh *n;
	const struct nvo_rif *rif;
	const u8 *sha, *mac;
	struct in6_addr ip;
	__be32 sip, tip;

	if (!pskb_may_pull(skb, hlen))
		return false;
	eth = (const struct ethhdr *)skb->data;
	arp = (const struct arphdr *)(eth + 1);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != sizeof(__be32))
		return false;
	sha = (const u8 *)(arp + 1);
	memcpy(&sip, sha + ETH_ALEN, sizeof(sip));
	memcpy(&tip, sha + 2 * ETH_ALEN + sizeof(sip), sizeof(tip));

	/* A port speaks for its own MAC only. */
	if (READ_ONCE(vni->neigh_learn) && nvo_ip4_is_host(sip) &&
	    ether_addr_equal(sha, eth->h_source)) {
		ipv6_addr_set_v4mapped(sip, &ip);
		nvo_neigh_learn(vni, &ip, sha, in, -1);
	}

	/* Gratuitous ARP announces rather than asks. */
	if (arp->ar_op != htons(ARPOP_REQUEST) || sip == tip ||
	    !nvo_ip4_is_host(tip))
		return false;
	/* The gateway answers unicast requests (a VM's reachability check)
	 * as well: it is here.
	 */
	rif = rcu_dereference(vni->rif);
	/* Or the DHCP server the VM renews its lease with. */
	mac = nvo_dhcp_server_mac(in, tip);
	if (rif && rif->has4 && rif->ip4 == tip) {
		mac = rif->mac;
	} else if (!mac) {
		if (!is_multicast_ether_addr(eth->h_dest))
			return false;
		ipv6_addr_set_v4mapped(tip, &ip);
		n = nvo_neigh_lookup(vni, &ip);
		if (!n)
			return nvo_arpnd_unknown(in, skb);
		mac = n->mac;
	}
	if (ether_addr_equal(mac, sha))
		return false;
	/* A probe (sender 0.0.0.0) is answered to 0.0.0.0, as Linux does. */
	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, in->dev, tip, sha,
			   mac, sha);
	nvo_arpnd_answer(in, skb, reply);
	return true;
}

/* The advertisement the owner of @target at @mac would send to the
 * solicitation from @daddr, MAC @to; @router: the owner is a router.
 */
struct sk_buff *nvo_na_create(struct net_device *dev,
			      const struct in6_addr *daddr,
			      const struct in6_addr *target, const u8 *mac,
			      const u8 *to, bool router)
{
	const unsigned int len = sizeof(struct nd_msg) + 8;
	struct ipv6hdr *ip6;
	struct sk_buff *skb;
	struct nd_msg *na;
	struct ethhdr *eth;
	u8 *opt;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *target;
	ip6->daddr = *daddr;

	skb_set_transport_header(skb, skb->len);
	na = skb_put_zero(skb, len);
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_router = router;
	/* Not to all nodes, the answer to duplicate address detection. */
	na->icmph.icmp6_solicited = !ipv6_addr_is_multicast(daddr);
	na->icmph.icmp6_override = 1;
	na->target = *target;
	opt = na->opt;
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = 1;
	ether_addr_copy(opt + 2, mac);
	na->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len,
						IPPROTO_ICMPV6,
						csum_partial(na, len, 0));

	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, to);
	ether_addr_copy(eth->h_source, mac);
	eth->h_proto = htons(ETH_P_IPV6);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	return skb;
}

static bool nvo_nd_rx(struct nvo_port *in, struct sk_buff *skb)
{
	unsigned int off = ETH_HLEN + sizeof(struct ipv6hdr), len;
	struct nvo_vni *vni = in->vni;
	const struct ipv6hdr *ip6;
	const struct ethhdr *eth;
	const struct nd_msg *msg;
	const struct nvo_neigh *n;
	const struct nvo_rif *rif;
	const u8 *lladdr, *mac;
	bool ns, router;

	if (!pskb_may_pull(skb, off + sizeof(struct icmp6hdr)))
		return false;
	ip6 = (const struct ipv6hdr *)(skb->data + ETH_HLEN);
	msg = (const struct nd_msg *)(ip6 + 1);
	/* RFC 4861 7.1: hop limit 255, code 0; no extension headers here. */
	if (ip6->version != 6 || ip6->nexthdr != IPPROTO_ICMPV6 ||
	    ip6->hop_limit != 255 || msg->icmph.icmp6_code)
		return false;
	/* A router solicitation: the VNI's gateway answers it here. */
	if (msg->icmph.icmp6_type == NDISC_ROUTER_SOLICITATION) {
		rif = rcu_dereference(vni->rif);
		return rif && rif->has6 && nvo_ra_answer(in, rif, skb);
	}
	if (msg->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	    msg->icmph.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		return false;
	len = ntohs(ip6->payload_len);
	if (len < sizeof(*msg) || len > 1024 || skb->len < off + len ||
	    !pskb_may_pull(skb, off + len))
		return false;
	eth = (const struct ethhdr *)skb->data;
	ip6 = (const struct ipv6hdr *)(eth + 1);
	msg = (const struct nd_msg *)(ip6 + 1);
	ns = msg->icmph.icmp6_type == NDISC_NEIGHBOUR_SOLICITATION;
	lladdr = nvo_nd_lladdr(msg, len, ns ? ND_OPT_SOURCE_LL_ADDR :
					      ND_OPT_TARGET_LL_ADDR);

	/* A port speaks for its own MAC only: an NS for its source address,
	 * an NA for its target.
	 */
	if (READ_ONCE(vni->neigh_learn) && lladdr &&
	    ether_addr_equal(lladdr, eth->h_source)) {
		const struct in6_addr *ip = ns ? &ip6->saddr : &msg->target;

		if (nvo_ip6_is_host(ip))
			nvo_neigh_learn(vni, ip, lladdr, in,
					ns ? -1 : msg->icmph.icmp6_router);
	}

	if (!ns || !is_multicast_ether_addr(eth->h_dest) ||
	    !nvo_ip6_is_host(&msg->target))
		return false;
	rif = rcu_dereference(vni->rif);
	/* Duplicate address detection (from ::) is for the owner to answer:
	 * the gateway's addresses are the gateway's, to all nodes (RFC 4861
	 * 7.2.4), so that a VM given one sees it taken.
	 */
	if (ipv6_addr_any(&ip6->saddr)) {
		if (!rif || !nvo_rif_has_ip6(rif, &msg->target))
			return false;
		nvo_arpnd_answer(in, skb,
				 nvo_na_create(in->dev,
					       &in6addr_linklocal_allnodes,
					       &msg->target, rif->mac,
					       nvo_all_nodes_mac, true));
		return true;
	}
	if (rif && nvo_rif_has_ip6(rif, &msg->target)) {
		mac = rif->mac;
		router = true;
	} else {
		n = nvo_neigh_lookup(vni, &msg->target);
		if (!n)
			return nvo_arpnd_unknown(in, skb);
		mac = n->mac;
		router = n->flags & NVO_NEIGH_F_ROUTER;
	}
	if (ether_addr_equal(mac, eth->h_source))
		return false;
	nvo_arpnd_answer(in, skb, nvo_na_create(in->dev, &ip6->saddr,
						&msg->target, mac,
						eth->h_source, router));
	return true;
}

/* An ARP or IPv6 frame of port @in: true if it was answered or dropped
 * here, false if it goes on through the switch (whose pointers into the
 * frame it may have moved).
 */
bool nvo_arpnd_rx(struct nvo_port *in, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	if (eth->h_proto == htons(ETH_P_ARP))
		return nvo_arp_rx(in, skb);
	if (eth->h_proto == htons(ETH_P_IPV6) &&
	    (is_multicast_ether_addr(eth->h_dest) ||
	     READ_ONCE(in->vni->neigh_learn)))
		return nvo_nd_rx(in, skb);
	return false;
}
