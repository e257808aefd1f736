// SPDX-License-Identifier: GPL-2.0
/*
 * IP fragments through the firewall. Conntrack needs the ports of a
 * datagram, which only its first fragment has: a firewalled port's
 * fragments are reassembled in the tenant's zone, as the Open vSwitch
 * datapath does, and the datagram is split again where it leaves nvo, in
 * fragments no larger than the largest that came in (its MRU). A frame
 * flooded in a tenant's VNI is reassembled once, before it is copied;
 * otherwise ports without groups never reassemble.
 */

#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ipv6_frag.h>
#include <net/ipv6_stubs.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <net/route.h>

#include "nvo.h"

/* Not a fragment for sure: no fragment header can follow these. */
static bool nvo_frag6_none(const struct ipv6hdr *ip6h)
{
	switch (ip6h->nexthdr) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_ICMPV6:
		return true;
	}
	return false;
}

/* What ip_rcv() and ipv6_rcv() make sure of before reassembly, which
 * takes everything after the header for the fragment: a sane header, and
 * the frame cut to the length it states (an Ethernet pad, or whatever a
 * VM appends, is not data).
 */
static bool nvo_frag_sane(struct sk_buff *skb, u8 pf)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int len;

	if (pf == NFPROTO_IPV4) {
		if (iph->ihl < 5 ||
		    !pskb_may_pull(skb, ETH_HLEN + iph->ihl * 4))
			return false;
		iph = ip_hdr(skb);
		len = ntohs(iph->tot_len);
		if (len < iph->ihl * 4 || ip_fast_csum((u8 *)iph, iph->ihl))
			return false;
	} else {
		len = sizeof(struct ipv6hdr) + ntohs(ipv6_hdr(skb)->payload_len);
	}
	return skb->len >= ETH_HLEN + len &&
	       !pskb_trim_rcsum(skb, ETH_HLEN + len);
}

/* Could @skb be a fragment? The network header is set; @pf is
 * NFPROTO_IPV4 or NFPROTO_IPV6, its header pulled.
 */
bool nvo_frag_maybe(const struct sk_buff *skb, u8 pf)
{
	/* A jumbogram (payload length 0) has no fragment header. */
	if (pf == NFPROTO_IPV4)
		return ip_is_fragment(ip_hdr(skb));
	return !nvo_frag6_none(ipv6_hdr(skb)) && ipv6_hdr(skb)->payload_len;
}

/* skb->data is at the Ethernet header, the network header set; @pf is
 * NFPROTO_IPV4 or NFPROTO_IPV6. 0: @skb is whole (it was, or it is the
 * datagram its fragment completed); -EINPROGRESS: held for the rest;
 * another error: freed, counted by the caller.
 */
int nvo_frag_gather(struct net *net, struct sk_buff *skb, u8 pf, u16 zone)
{
	u16 mru;
	int err;

	if (!nvo_frag_maybe(skb, pf))
		return 0;
	if (!nvo_frag_sane(skb, pf)) {
		kfree_skb(skb);
		return -EINVAL;
	}
	skb_pull_rcsum(skb, ETH_HLEN);
	if (pf == NFPROTO_IPV4) {
		memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
		err = ip_defrag(net, skb, IP_DEFRAG_CONNTRACK_IN + zone);
		if (err)
			return err;
		mru = IPCB(skb)->frag_max_size;
	} else {
		memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
		err = nf_ct_frag6_gather(net, skb,
					 IP6_DEFRAG_CONNTRACK_IN + zone);
		if (err) {
			if (err != -EINPROGRESS)
				kfree_skb(skb);
			return err;
		}
		/* Not a fragment after all (extension headers only). */
		if (!(IP6CB(skb)->flags & IP6SKB_FRAGMENTED)) {
			skb_push_rcsum(skb, ETH_HLEN);
			return 0;
		}
		mru = IP6CB(skb)->frag_max_size;
	}
	/* The Ethernet header of the first fragment precedes the datagram. */
	skb_push_rcsum(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_clear_hash(skb);
	skb->ignore_df = 1;
	NVO_CB(skb)->mru = mru;
	return 0;
}

/* A frame that @vni floods, from port @in or (NULL) the underlay: in a
 * VNI with a tenant, a fragment is reassembled first, once, so that every
 * port gets the whole datagram (copies of one fragment, reassembled at
 * each firewalled port, would meet in the zone's queue as duplicates).
 * False: held for the rest, or dropped and counted.
 */
bool nvo_frag_flood(struct nvo_vni *vni, struct nvo_port *in,
		    struct sk_buff *skb)
{
	const struct nvo_tenant *tn = rcu_dereference(vni->tn);
	__be16 proto = ((const struct ethhdr *)skb->data)->h_proto;
	struct nvo_rx_id id;
	int err;
	u8 pf;

	if (!tn)
		return true;
	if (proto == htons(ETH_P_IP) &&
	    pskb_may_pull(skb, ETH_HLEN + sizeof(struct iphdr)))
		pf = NFPROTO_IPV4;
	else if (proto == htons(ETH_P_IPV6) &&
		 pskb_may_pull(skb, ETH_HLEN + sizeof(struct ipv6hdr)))
		pf = NFPROTO_IPV6;
	else
		return true;
	skb_set_network_header(skb, ETH_HLEN);
	if (!nvo_frag_maybe(skb, pf))
		return true;
	if (!in) {
		nvo_fw_rx_id_settle(vni, skb);
		id = *NVO_RX_ID(skb);
	}
	err = nvo_frag_gather(dev_net(vni->nvo->dev), skb, pf, tn->id);
	if (err == -EINPROGRESS)
		return false;
	if (err) {
		nvo_drop(vni->nvo, vni, in, NULL, NVO_DROP_FRAG);
		return false;
	}
	if (!in)
		*NVO_RX_ID(skb) = id;
	return true;
}

/* Where ip_do_fragment() and ip6_fragment() put the pieces: a list per
 * CPU, taken by nvo_frag_split() before anything is sent.
 */
struct nvo_frag_list {
	struct sk_buff *head, **tail;
};

static DEFINE_PER_CPU(struct nvo_frag_list, nvo_frag_list);

static int nvo_frag_collect(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	struct nvo_frag_list *l = this_cpu_ptr(&nvo_frag_list);

	skb->next = NULL;
	*l->tail = skb;
	l->tail = &skb->next;
	return 0;
}

/* The pieces' size comes from IPCB/IP6CB frag_max_size, never from this. */
static unsigned int nvo_frag_dst_mtu(const struct dst_entry *dst)
{
	return IP_MAX_MTU;
}

static struct dst_ops nvo_frag_dst_ops = {
	.family = AF_UNSPEC,
	.mtu = nvo_frag_dst_mtu,
};

/* A datagram nvo_frag_gather() made whole, as fragments of at most its
 * MRU, each with the datagram's Ethernet header: a list, NULL if none
 * could be made (@skb is freed either way).
 */
struct sk_buff *nvo_frag_split(struct nvo_dev *nvo, struct sk_buff *skb)
{
	struct net *net = dev_net(nvo->dev);
	u16 mru = NVO_CB(skb)->mru;
	struct nvo_frag_list *l;
	struct sk_buff *list, *frag;
	unsigned long refdst;
	struct ethhdr eth;
	union {
		struct rtable rt;
		struct rt6_info rt6;
	} fake;
	int err;

	memcpy(&eth, skb->data, ETH_HLEN);
	skb_pull_rcsum(skb, ETH_HLEN);
	memset(&fake, 0, sizeof(fake));
	dst_init(&fake.rt.dst, &nvo_frag_dst_ops, NULL, 1, DST_OBSOLETE_NONE,
		 DST_NOCOUNT);
	fake.rt.dst.dev = nvo->dev;
	refdst = skb->_skb_refdst;
	skb_dst_set_noref(skb, &fake.rt.dst);

	local_bh_disable();
	l = this_cpu_ptr(&nvo_frag_list);
	l->head = NULL;
	l->tail = &l->head;
	if (eth.h_proto == htons(ETH_P_IP)) {
		memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
		IPCB(skb)->frag_max_size = mru;
		err = ip_do_fragment(net, NULL, skb, nvo_frag_collect);
	} else {
		memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
		IP6CB(skb)->frag_max_size = mru;
		err = ipv6_stub->ipv6_fragment(net, NULL, skb, nvo_frag_collect);
	}
	list = l->head;
	local_bh_enable();
	refdst_drop(refdst);

	if (err) {
		kfree_skb_list(list);
		return NULL;
	}
	skb_list_walk_safe(list, frag, skb) {
		skb_dst_drop(frag);
		if (skb_cow_head(frag, ETH_HLEN)) {
			kfree_skb_list(list);
			return NULL;
		}
		/* A received sum no longer matches the rewritten headers. */
		if (frag->ip_summed == CHECKSUM_COMPLETE)
			frag->ip_summed = CHECKSUM_NONE;
		memcpy(skb_push(frag, ETH_HLEN), &eth, ETH_HLEN);
		skb_reset_mac_header(frag);
		skb_set_network_header(frag, ETH_HLEN);
		NVO_CB(frag)->mru = 0;
	}
	return list;
}
