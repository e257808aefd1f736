// SPDX-License-Identifier: GPL-2.0
/*
 * VXLAN framing (RFC 7348), with the Group Based Policy extension
 * (draft-smith-vxlan-group-policy) when the device has it on: the group
 * policy id carries the sending port's first security group.
 */

#include <net/gro.h>
#include <net/ip_tunnels.h>
#include <net/udp.h>
#include <net/vxlan.h>

#include "nvo.h"

#define NVO_VXLAN_HLEN	(sizeof(struct udphdr) + sizeof(struct vxlanhdr))

static unsigned int nvo_vxlan_hlen(const struct nvo_dev *nvo,
				   const struct nvo_tx_id *id)
{
	return sizeof(struct vxlanhdr);
}

static void nvo_vxlan_push(struct sk_buff *skb, const struct nvo_vni *vni,
			   const struct nvo_tx_id *id)
{
	struct vxlanhdr *vxh = __skb_push(skb, sizeof(*vxh));

	vxh->vx_flags = VXLAN_HF_VNI;
	if (id->groups)
		vxh->vx_flags |= VXLAN_HF_GBP | htonl(id->groups->ids[0]);
	vxh->vx_vni = cpu_to_be32(vni->vni << 8);
}

/* The flags a frame may have: I, and with GBP on the G flag, its policy
 * bits and group id. The group, if any, goes to the firewall.
 */
static bool nvo_vxlan_flags_ok(const struct nvo_dev *nvo, __be32 flags,
			       struct nvo_rx_id *rx)
{
	u16 group;

	rx->ngroups = 0;
	if (flags == VXLAN_HF_VNI)
		return true;
	if (!READ_ONCE(nvo->cfg.gbp) ||
	    (flags & ~(VXLAN_HF_GBP | htonl(VXLAN_GBP_MASK))) != VXLAN_HF_VNI ||
	    !(flags & VXLAN_HF_GBP))
		return false;
	group = ntohl(flags) & VXLAN_GBP_ID_MASK;
	if (group)
		rx->groups[rx->ngroups++] = group;
	return true;
}

/* encap_rcv of the tunnel sockets: skb->data is at the UDP header. The
 * frame is always consumed.
 *
 * Unlike RFC 7348's "ignore on receipt", frames with flag bits other than
 * I (and GBP's, when on) are dropped: they belong to extensions that
 * change what the header means, and guessing would deliver misparsed
 * frames to tenants.
 */
static int nvo_vxlan_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct nvo_dev *nvo = rcu_dereference_sk_user_data(sk);
	const struct vxlanhdr *vxh;
	struct nvo_vni *vni;

	if (unlikely(!nvo)) {
		kfree_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, NVO_VXLAN_HLEN)) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_TRUNCATED);
		return 0;
	}
	vxh = (const struct vxlanhdr *)(udp_hdr(skb) + 1);
	if (!nvo_vxlan_flags_ok(nvo, vxh->vx_flags, NVO_RX_ID(skb))) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_BAD_FLAGS);
		return 0;
	}
	vni = nvo_vni_lookup(nvo, be32_to_cpu(vxh->vx_vni) >> 8);
	if (!vni) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_UNKNOWN_VNI);
		return 0;
	}
	nvo_tunnel_rcv(nvo, vni, skb, NVO_VXLAN_HLEN);
	return 0;
}

/* GBP frames merge too, on a device that takes them. */
static bool nvo_vxlan_gbp_gro(struct sock *sk, __be32 flags)
{
	struct nvo_dev *nvo = rcu_dereference_sk_user_data(sk);

	return nvo && READ_ONCE(nvo->cfg.gbp) &&
	       (flags & ~htonl(VXLAN_GBP_MASK)) ==
	       (VXLAN_HF_VNI | VXLAN_HF_GBP);
}

/* A train of frames of one outer flow and one VNI becomes one skb, which
 * nvo_vxlan_rcv() then decapsulates once. Frames of different VNIs never
 * merge, whatever their inner headers.
 */
static struct sk_buff *nvo_vxlan_gro_receive(struct sock *sk,
					     struct list_head *head,
					     struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	const struct vxlanhdr *vh, *vh2;
	struct sk_buff *pp = NULL, *p;
	int flush = 1;

	vh = skb_gro_header(skb, off + sizeof(*vh), off);
	/* Anything unusual takes the slow path, which counts it. */
	if (unlikely(!vh) || (vh->vx_flags != VXLAN_HF_VNI &&
			      !nvo_vxlan_gbp_gro(sk, vh->vx_flags)))
		goto out;
	skb_gro_postpull_rcsum(skb, vh, sizeof(*vh));
	skb_gro_pull(skb, sizeof(*vh));
	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		vh2 = (const struct vxlanhdr *)(p->data + off);
		if (vh->vx_vni != vh2->vx_vni || vh->vx_flags != vh2->vx_flags)
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	pp = call_gro_receive(eth_gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int nvo_vxlan_gro_complete(struct sock *sk, struct sk_buff *skb,
				  int nhoff)
{
	/* skb->encapsulation is set: this sets the inner MAC header. */
	return eth_gro_complete(skb, nhoff + sizeof(struct vxlanhdr));
}

const struct nvo_encap_ops nvo_vxlan_ops = {
	.hlen		= nvo_vxlan_hlen,
	.push		= nvo_vxlan_push,
	.encap_rcv	= nvo_vxlan_rcv,
	.gro_receive	= nvo_vxlan_gro_receive,
	.gro_complete	= nvo_vxlan_gro_complete,
};
