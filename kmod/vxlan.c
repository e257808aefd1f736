// SPDX-License-Identifier: GPL-2.0
/*
 * VXLAN framing (RFC 7348).
 */

#include <net/ip_tunnels.h>
#include <net/udp.h>
#include <net/vxlan.h>

#include "nvo.h"

void nvo_vxlan_push(struct sk_buff *skb, u32 vni)
{
	struct vxlanhdr *vxh = __skb_push(skb, sizeof(*vxh));

	vxh->vx_flags = VXLAN_HF_VNI;
	vxh->vx_vni = cpu_to_be32(vni << 8);
}

/* encap_rcv of the tunnel socket: skb->data is at the UDP header. The
 * frame is always consumed.
 *
 * Unlike RFC 7348's "ignore on receipt", frames with flag bits other than
 * I are dropped: they belong to extensions (GBP, GPE) that change what the
 * header means, and guessing would deliver misparsed frames to tenants.
 */
int nvo_vxlan_rcv(struct sock *sk, struct sk_buff *skb)
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
	if (vxh->vx_flags != VXLAN_HF_VNI) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_BAD_FLAGS);
		return 0;
	}
	vni = nvo_vni_lookup(nvo, be32_to_cpu(vxh->vx_vni) >> 8);
	if (!vni) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_UNKNOWN_VNI);
		return 0;
	}
	/* Also makes the inner Ethernet header linear, or fails. */
	if (__iptunnel_pull_header(skb, NVO_VXLAN_HLEN, htons(ETH_P_TEB),
				   false, false)) {
		nvo_drop(nvo, vni, NULL, skb, NVO_DROP_TRUNCATED);
		return 0;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	/* Like iptunnel_xmit() on the way out, from the inner L3 header. */
	dev_sw_netstats_rx_add(nvo->dev, skb->len - ETH_HLEN);
	nvo_count(vni->stats, false, skb->len);
	nvo_switch_from_tunnel(vni, skb);
	return 0;
}
