// SPDX-License-Identifier: GPL-2.0
/*
 * Routing at the source: a frame a port sends to its gateway's MAC is
 * routed here, on the VM's own host, and leaves switched into the
 * destination VNI: to a local port, or encapsulated straight to the
 * destination's host. The router answers what is addressed to it (echo,
 * neighbour solicitations) and sends the ICMP errors a router sends.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "nvo.h"

/* ICMP errors quote what the original's header and its start: RFC 1812
 * 4.3.2.3 (576 bytes in all) and RFC 4443 2.4 (the IPv6 minimum MTU).
 */
#define NVO_ICMP4_MAX	576
#define NVO_ICMP6_MAX	IPV6_MIN_MTU

/* A frame built here, from @rif's MAC to @to, for port @in. */
static struct sk_buff *nvo_l3_alloc(struct nvo_port *in,
				    const struct nvo_rif *rif, const u8 *to,
				    __be16 proto, unsigned int len)
{
	struct net_device *dev = in->dev;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + ETH_HLEN + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + ETH_HLEN);
	skb_reset_network_header(skb);
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, to);
	ether_addr_copy(eth->h_source, rif->mac);
	eth->h_proto = proto;
	skb->protocol = proto;
	skb->dev = dev;
	return skb;
}

/* The ICMP error @type/@code about the IPv4 packet in @skb, back to its
 * sender from the gateway it used, rate-limited per router.
 */
static void nvo_icmp4_error(struct nvo_port *in, const struct nvo_rif *rif,
			    const struct sk_buff *skb, u8 type, u8 code)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const struct iphdr *orig = (const struct iphdr *)(eth + 1);
	unsigned int quote, len;
	struct icmphdr *icmp;
	struct sk_buff *nskb;
	struct iphdr *iph;

	/* Not about errors, fragments after the first, or from nowhere. */
	if (orig->frag_off & htons(IP_OFFSET) || ipv4_is_zeronet(orig->saddr) ||
	    ipv4_is_multicast(orig->saddr) || ipv4_is_lbcast(orig->saddr))
		return;
	if (orig->protocol == IPPROTO_ICMP) {
		const struct icmphdr *oi = (const void *)orig + orig->ihl * 4;

		if (skb_headlen(skb) < ETH_HLEN + orig->ihl * 4 + 1 ||
		    icmp_is_err(oi->type))
			return;
	}
	if (!rif->has4 || !__ratelimit(&rif->router->icmp_rl))
		return;
	quote = min_t(unsigned int, ntohs(orig->tot_len),
		      NVO_ICMP4_MAX - sizeof(*iph) - sizeof(*icmp));
	len = sizeof(*iph) + sizeof(*icmp) + quote;
	nskb = nvo_l3_alloc(in, rif, eth->h_source, htons(ETH_P_IP), len);
	if (!nskb)
		return;
	iph = skb_put_zero(nskb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = (orig->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(len);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = rif->ip4;
	iph->daddr = orig->saddr;
	ip_send_check(iph);
	icmp = skb_put_zero(nskb, sizeof(*icmp));
	icmp->type = type;
	icmp->code = code;
	skb_copy_bits(skb, ETH_HLEN, skb_put(nskb, quote), quote);
	icmp->checksum = csum_fold(csum_partial(icmp, sizeof(*icmp) + quote, 0));
	nvo_port_deliver(in, nskb);
}

static void nvo_icmp6_error(struct nvo_port *in, const struct nvo_rif *rif,
			    const struct sk_buff *skb, u8 type, u8 code)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const struct ipv6hdr *orig = (const struct ipv6hdr *)(eth + 1);
	unsigned int quote, len;
	struct icmp6hdr *icmp6;
	struct ipv6hdr *ip6;
	struct sk_buff *nskb;

	if (!(ipv6_addr_type(&orig->saddr) & IPV6_ADDR_UNICAST))
		return;
	if (orig->nexthdr == IPPROTO_ICMPV6) {
		const struct icmp6hdr *oi = (const void *)(orig + 1);

		if (skb_headlen(skb) < ETH_HLEN + sizeof(*orig) + 1 ||
		    !(oi->icmp6_type & ICMPV6_INFOMSG_MASK))
			return;
	}
	if (!rif->has6 || !__ratelimit(&rif->router->icmp_rl))
		return;
	quote = min_t(unsigned int, sizeof(*orig) + ntohs(orig->payload_len),
		      NVO_ICMP6_MAX - sizeof(*ip6) - sizeof(*icmp6));
	len = sizeof(*icmp6) + quote;
	nskb = nvo_l3_alloc(in, rif, eth->h_source, htons(ETH_P_IPV6),
			    sizeof(*ip6) + len);
	if (!nskb)
		return;
	ip6 = skb_put(nskb, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 64;
	ip6->saddr = rif->ip6;
	ip6->daddr = orig->saddr;
	icmp6 = skb_put_zero(nskb, sizeof(*icmp6));
	icmp6->icmp6_type = type;
	icmp6->icmp6_code = code;
	skb_copy_bits(skb, ETH_HLEN, skb_put(nskb, quote), quote);
	icmp6->icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, len, 0));
	nvo_port_deliver(in, nskb);
}

static void nvo_l3_error(struct nvo_port *in, const struct nvo_rif *rif,
			 struct sk_buff *skb, bool v6, enum nvo_drop why)
{
	if (why == NVO_DROP_TTL) {
		if (v6)
			nvo_icmp6_error(in, rif, skb, ICMPV6_TIME_EXCEED,
					ICMPV6_EXC_HOPLIMIT);
		else
			nvo_icmp4_error(in, rif, skb, ICMP_TIME_EXCEEDED,
					ICMP_EXC_TTL);
	} else if (why == NVO_DROP_UNROUTABLE) {
		if (v6)
			nvo_icmp6_error(in, rif, skb, ICMPV6_DEST_UNREACH,
					ICMPV6_NOROUTE);
		else
			nvo_icmp4_error(in, rif, skb, ICMP_DEST_UNREACH,
					ICMP_NET_UNREACH);
	}
	nvo_drop(in->nvo, in->vni, in, skb, why);
}

/* An echo request to the router becomes its reply, in place: addresses
 * and MACs swapped, type changed (the checksum follows), a fresh TTL.
 */
static bool nvo_l3_echo(struct nvo_port *in, struct sk_buff *skb, bool v6)
{
	unsigned int nhlen, off = ETH_HLEN;
	u8 mac[ETH_ALEN] __aligned(2);
	struct ethhdr *eth;

	/* The checksum is updated, not computed: it must be there. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return false;

	if (v6) {
		struct icmp6hdr *icmp6;
		struct ipv6hdr *ip6;

		nhlen = sizeof(*ip6);
		if (skb_ensure_writable(skb, off + nhlen + sizeof(*icmp6)))
			return false;
		ip6 = (struct ipv6hdr *)(skb->data + off);
		icmp6 = (struct icmp6hdr *)(ip6 + 1);
		if (ip6->nexthdr != IPPROTO_ICMPV6 ||
		    icmp6->icmp6_type != ICMPV6_ECHO_REQUEST ||
		    icmp6->icmp6_code)
			return false;
		icmp6->icmp6_type = ICMPV6_ECHO_REPLY;
		csum_replace2(&icmp6->icmp6_cksum,
			      htons(ICMPV6_ECHO_REQUEST << 8),
			      htons(ICMPV6_ECHO_REPLY << 8));
		swap(ip6->saddr, ip6->daddr);
		ip6->hop_limit = 64;
	} else {
		struct icmphdr *icmp;
		struct iphdr *iph;

		nhlen = ((struct iphdr *)(skb->data + off))->ihl * 4;
		if (skb_ensure_writable(skb, off + nhlen + sizeof(*icmp)))
			return false;
		iph = (struct iphdr *)(skb->data + off);
		icmp = (struct icmphdr *)((u8 *)iph + nhlen);
		if (iph->protocol != IPPROTO_ICMP || icmp->type != ICMP_ECHO ||
		    icmp->code || ip_is_fragment(iph))
			return false;
		icmp->type = ICMP_ECHOREPLY;
		csum_replace2(&icmp->checksum, htons(ICMP_ECHO << 8),
			      htons(ICMP_ECHOREPLY << 8));
		swap(iph->saddr, iph->daddr);
		iph->ttl = 64;
		ip_send_check(iph);
	}
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(mac, eth->h_source);
	ether_addr_copy(eth->h_source, eth->h_dest);
	ether_addr_copy(eth->h_dest, mac);
	/* The bytes a receive-side sum covered have changed. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	/* The egress check's connection is the VM's own, never confirmed. */
	nf_reset_ct(skb);
	nvo_port_deliver(in, skb);
	return true;
}

/* A unicast neighbour solicitation for the gateway (a VM confirming it is
 * still there) is answered as the multicast ones are.
 */
static bool nvo_l3_ns(struct nvo_port *in, const struct nvo_rif *rif,
		      struct sk_buff *skb)
{
	const unsigned int off = ETH_HLEN + sizeof(struct ipv6hdr);
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	struct sk_buff *reply;

	if (!pskb_may_pull(skb, off + sizeof(*ns)))
		return false;
	ip6 = (const struct ipv6hdr *)(skb->data + ETH_HLEN);
	ns = (const struct nd_msg *)(ip6 + 1);
	if (ntohs(ip6->payload_len) < sizeof(*ns) ||
	    ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255 ||
	    ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    ns->icmph.icmp6_code || !nvo_rif_has_ip6(rif, &ns->target) ||
	    ipv6_addr_any(&ip6->saddr))
		return false;
	reply = nvo_na_create(in->dev, &ip6->saddr, &ns->target, rif->mac,
			      ((const struct ethhdr *)skb->data)->h_source,
			      true);
	nvo_arpnd_answer(in, skb, reply);
	return true;
}

/* What is addressed to the router itself, on its interface @rif. */
static void nvo_l3_local(struct nvo_port *in, const struct nvo_rif *rif,
			 struct sk_buff *skb, bool v6)
{
	if (v6 && nvo_l3_ns(in, rif, skb))
		return;
	if (!nvo_l3_echo(in, skb, v6))
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_UNROUTABLE);
}

/* The IPv4 header, checked as a router must (RFC 1812 5.2.2); 0 or the
 * drop reason.
 */
static int nvo_l3_check4(struct sk_buff *skb, struct in6_addr *dst)
{
	const struct iphdr *iph;
	unsigned int len;

	if (!pskb_may_pull(skb, ETH_HLEN + sizeof(*iph)))
		return NVO_DROP_TRUNCATED;
	iph = (const struct iphdr *)(skb->data + ETH_HLEN);
	if (iph->version != 4 || iph->ihl < 5 ||
	    !pskb_may_pull(skb, ETH_HLEN + iph->ihl * 4))
		return NVO_DROP_TRUNCATED;
	iph = (const struct iphdr *)(skb->data + ETH_HLEN);
	len = ntohs(iph->tot_len);
	if (len < iph->ihl * 4 || len > skb->len - ETH_HLEN ||
	    ip_fast_csum(iph, iph->ihl))
		return NVO_DROP_TRUNCATED;
	ipv6_addr_set_v4mapped(iph->daddr, dst);
	return iph->ttl <= 1 ? NVO_DROP_TTL : 0;
}

static int nvo_l3_check6(struct sk_buff *skb, struct in6_addr *dst)
{
	const struct ipv6hdr *ip6;

	if (!pskb_may_pull(skb, ETH_HLEN + sizeof(*ip6)))
		return NVO_DROP_TRUNCATED;
	ip6 = (const struct ipv6hdr *)(skb->data + ETH_HLEN);
	if (ip6->version != 6 ||
	    ntohs(ip6->payload_len) > skb->len - ETH_HLEN - sizeof(*ip6))
		return NVO_DROP_TRUNCATED;
	*dst = ip6->daddr;
	return ip6->hop_limit <= 1 ? NVO_DROP_TTL : 0;
}

/* What a router must neither forward nor answer with an error: to or
 * from multicast, broadcast, loopback, or (to) a link-local address
 * (RFC 1812 5.3.7, RFC 4291 2.5.6, RFC 4443 2.4).
 */
static bool nvo_l3_martian(const struct sk_buff *skb,
			   const struct in6_addr *dst, bool v6)
{
	if (v6) {
		const struct ipv6hdr *ip6 = (const void *)(skb->data + ETH_HLEN);

		return (ipv6_addr_type(dst) & (IPV6_ADDR_MULTICAST |
					       IPV6_ADDR_LINKLOCAL |
					       IPV6_ADDR_LOOPBACK)) ||
		       ipv6_addr_any(dst) ||
		       (ipv6_addr_type(&ip6->saddr) & (IPV6_ADDR_MULTICAST |
						       IPV6_ADDR_LOOPBACK));
	} else {
		const struct iphdr *iph = (const void *)(skb->data + ETH_HLEN);
		__be32 d = iph->daddr, s = iph->saddr;

		return ipv4_is_multicast(d) || ipv4_is_lbcast(d) ||
		       ipv4_is_zeronet(d) || ipv4_is_loopback(d) ||
		       ipv4_is_linklocal_169(d) || ipv4_is_multicast(s) ||
		       ipv4_is_lbcast(s) || ipv4_is_loopback(s);
	}
}

/* The next hop of route @rt to @dst in @r: its neighbour entry (or NULL),
 * and in @out the interface it is on (NULL: no way there).
 */
static const struct nvo_neigh *nvo_l3_hop(struct nvo_router *r,
					  const struct nvo_route *rt,
					  const struct in6_addr *dst,
					  const struct nvo_rif **out)
{
	const struct nvo_route *via;

	*out = NULL;
	if (rt->type == NVO_ROUTE_STATIC) {
		via = nvo_route_lookup(r, &rt->via);
		if (!via || via->type != NVO_ROUTE_CONNECTED)
			return NULL;
		*out = via->rif;
		return nvo_neigh_lookup(via->rif->vni, &rt->via);
	}
	if (rt->type != NVO_ROUTE_CONNECTED)
		return NULL;
	*out = rt->rif;
	return nvo_neigh_lookup(rt->rif->vni, dst);
}

/* The FDB entry of the next hop from @rif's router towards @ip (v4-mapped
 * for IPv4), or NULL: whom a connection the router forwarded went to.
 */
const struct nvo_fdb *nvo_l3_hop_fdb(const struct nvo_rif *rif,
				     const struct in6_addr *ip)
{
	const struct nvo_route *rt = nvo_route_lookup(rif->router, ip);
	const struct nvo_neigh *n;
	const struct nvo_rif *out;

	if (!rt)
		return NULL;
	n = nvo_l3_hop(rif->router, rt, ip, &out);
	return n ? nvo_fdb_lookup(out->vni, n->mac) : NULL;
}

/* The sender's egress rules, @f the destination's FDB entry (NULL: the
 * router itself, or none).
 */
static bool nvo_l3_fw(struct nvo_port *in, const struct nvo_fdb *f,
		      struct sk_buff *skb)
{
	return !READ_ONCE(in->fw) || nvo_fw_egress(in, f, skb);
}

/* After the VNI's ACL; the sender's egress rules decide once the
 * destination is known, so that remote-group rules see its groups.
 */
void nvo_l3_from_port(struct nvo_port *in, struct nvo_rif *rif,
		      struct sk_buff *skb)
{
	__be16 proto = ((const struct ethhdr *)skb->data)->h_proto;
	bool v6 = proto == htons(ETH_P_IPV6);
	struct nvo_router *r = rif->router;
	const struct nvo_neigh *n;
	const struct nvo_route *rt;
	const struct nvo_rif *out;
	struct in6_addr dst;
	struct nvo_fdb *f;
	struct ethhdr *eth;
	bool martian;
	int why;

	if (!v6 && proto != htons(ETH_P_IP)) {
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_UNROUTABLE);
		return;
	}
	why = v6 ? nvo_l3_check6(skb, &dst) : nvo_l3_check4(skb, &dst);
	if (why == NVO_DROP_TRUNCATED) {
		nvo_drop(in->nvo, in->vni, in, skb, why);
		return;
	}
	/* The router keys IPv4 addresses as IPv4-mapped IPv6 ones, which
	 * never appear on the wire (RFC 4291 2.5.5.2): IPv6 to or from one
	 * would be routed, or answered, as IPv4.
	 */
	if (v6 && (ipv6_addr_v4mapped(&dst) ||
		   ipv6_addr_v4mapped(&((const struct ipv6hdr *)
					(skb->data + ETH_HLEN))->saddr))) {
		if (nvo_l3_fw(in, NULL, skb))
			nvo_drop(in->nvo, in->vni, in, skb,
				 NVO_DROP_UNROUTABLE);
		return;
	}
	/* Its own addresses answer whatever the hop count left; its
	 * link-local one is the ingress interface's.
	 */
	if (v6 && nvo_rif_has_ip6(rif, &dst)) {
		if (nvo_l3_fw(in, NULL, skb))
			nvo_l3_local(in, rif, skb, v6);
		return;
	}
	rt = nvo_route_lookup(r, &dst);
	if (rt && rt->type == NVO_ROUTE_LOCAL) {
		if (nvo_l3_fw(in, NULL, skb))
			nvo_l3_local(in, rt->rif, skb, v6);
		return;
	}
	martian = nvo_l3_martian(skb, &dst, v6);
	if (!martian && !why && !rt)
		why = NVO_DROP_UNROUTABLE;
	if (martian || why) {
		if (!nvo_l3_fw(in, NULL, skb))
			return;
		if (martian)
			nvo_drop(in->nvo, in->vni, in, skb,
				 NVO_DROP_UNROUTABLE);
		else
			nvo_l3_error(in, rif, skb, v6, why);
		return;
	}
	n = nvo_l3_hop(r, rt, &dst, &out);
	if (!out) {
		if (nvo_l3_fw(in, NULL, skb))
			nvo_l3_error(in, rif, skb, v6, NVO_DROP_UNROUTABLE);
		return;
	}
	f = n ? nvo_fdb_lookup(out->vni, n->mac) : NULL;
	if (!nvo_l3_fw(in, f, skb))
		return;
	if (!n) {
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_NO_NEIGH);
		return;
	}
	if (skb_ensure_writable(skb, ETH_HLEN + (v6 ? sizeof(struct ipv6hdr) :
							sizeof(struct iphdr)))) {
		nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_NOMEM);
		return;
	}
	if (v6)
		((struct ipv6hdr *)(skb->data + ETH_HLEN))->hop_limit--;
	else
		ip_decrease_ttl((struct iphdr *)(skb->data + ETH_HLEN));
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(eth->h_dest, n->mac);
	ether_addr_copy(eth->h_source, out->mac);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	nvo_switch_routed(out->vni, in, f, skb);
}
