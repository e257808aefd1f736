// SPDX-License-Identifier: GPL-2.0
/*
 * GENEVE framing (RFC 8926), with nvo's own options: the identity and the
 * security groups of the port a frame came from, for the receiving host's
 * firewall.
 */

#include <asm/unaligned.h>
#include <net/gro.h>
#include <net/ip_tunnels.h>
#include <net/udp.h>

#include "nvo.h"

/* The wire format, with masks rather than bitfields (net/geneve.h's
 * header ends in an array of flexible structures, which sparse rejects).
 */
struct nvo_geneve_hdr {
	u8 ver_optlen;			/* version:2, option length:6 words */
	u8 flags;			/* O, C, reserved:6 */
	__be16 proto;
	__be32 vni_rsvd;		/* VNI:24, reserved:8 */
};

struct nvo_geneve_opt {
	__be16 class;
	u8 type;			/* critical:1, type:7 */
	u8 len;				/* reserved:3, length:5 words */
};

#define NVO_GENEVE_VER(h)	((h)->ver_optlen >> 6)
#define NVO_GENEVE_OPTLEN(h)	(((h)->ver_optlen & 0x3f) * 4)
#define NVO_GENEVE_OAM		0x80
#define NVO_GENEVE_CRIT_TYPE	0x80
#define NVO_GENEVE_OPT_LEN	(sizeof(struct nvo_geneve_opt) + sizeof(__be32))

/* The groups option's payload: 2 bytes a group, whole words. */
static unsigned int nvo_geneve_groups_len(unsigned int n)
{
	return ALIGN(n * sizeof(__be16), 4);
}

static unsigned int nvo_geneve_hlen(const struct nvo_dev *nvo,
				    const struct nvo_tx_id *id)
{
	unsigned int len = sizeof(struct nvo_geneve_hdr);

	if (!id)
		return len + (READ_ONCE(nvo->cfg.geneve_port_id) ?
			      NVO_GENEVE_OPT_LEN + sizeof(struct nvo_geneve_opt) +
			      nvo_geneve_groups_len(NVO_PORT_SG_MAX) : 0);
	if (id->port_id)
		len += NVO_GENEVE_OPT_LEN;
	if (id->groups)
		len += sizeof(struct nvo_geneve_opt) +
		       nvo_geneve_groups_len(id->groups->n);
	return len;
}

static void nvo_geneve_push(struct sk_buff *skb, const struct nvo_vni *vni,
			    const struct nvo_tx_id *id)
{
	unsigned int hlen = nvo_geneve_hlen(NULL, id);
	struct nvo_geneve_hdr *gh = __skb_push(skb, hlen);
	struct nvo_geneve_opt *opt = (struct nvo_geneve_opt *)(gh + 1);
	unsigned int i, glen;
	__be16 *g;

	gh->ver_optlen = (hlen - sizeof(*gh)) / 4;
	gh->flags = 0;
	gh->proto = htons(ETH_P_TEB);
	gh->vni_rsvd = cpu_to_be32(vni->vni << 8);
	if (id->port_id) {
		opt->class = htons(NVO_GENEVE_CLASS);
		opt->type = NVO_GENEVE_TYPE_PORT_ID;
		opt->len = sizeof(__be32) / 4;
		put_unaligned_be32(id->port_id, opt + 1);
		opt = (struct nvo_geneve_opt *)((u8 *)opt + NVO_GENEVE_OPT_LEN);
	}
	if (id->groups) {
		glen = nvo_geneve_groups_len(id->groups->n);
		opt->class = htons(NVO_GENEVE_CLASS);
		opt->type = NVO_GENEVE_TYPE_GROUPS;
		opt->len = glen / 4;
		g = (__be16 *)(opt + 1);
		for (i = 0; i < glen / sizeof(*g); i++)
			put_unaligned_be16(i < id->groups->n ?
					   id->groups->ids[i] : 0, g + i);
	}
}

/* The groups option: ids, 0 for padding. */
static void nvo_geneve_groups(struct nvo_rx_id *rx, const u8 *p,
			      unsigned int len)
{
	u16 v;

	for (; len >= sizeof(__be16); p += sizeof(__be16), len -= sizeof(__be16)) {
		v = get_unaligned_be16(p);
		if (v && rx->ngroups < NVO_PORT_SG_MAX)
			rx->groups[rx->ngroups++] = v;
	}
}

/* Walks the option list of @len bytes, every length checked against what
 * is left. Unknown options are skipped unless critical (RFC 8926 3.5).
 */
static enum nvo_drop nvo_geneve_opts(const u8 *p, unsigned int len,
				     struct nvo_rx_id *rx)
{
	rx->ngroups = 0;
	while (len) {
		const struct nvo_geneve_opt *opt = (const void *)p;
		unsigned int olen;

		if (len < sizeof(*opt))
			return NVO_DROP_TRUNCATED;
		olen = sizeof(*opt) + (opt->len & 0x1f) * 4;
		if (olen > len)
			return NVO_DROP_TRUNCATED;
		if (opt->class == htons(NVO_GENEVE_CLASS) &&
		    opt->type == NVO_GENEVE_TYPE_PORT_ID &&
		    olen == NVO_GENEVE_OPT_LEN)
			; /* known; the sender's identity */
		else if (opt->class == htons(NVO_GENEVE_CLASS) &&
			 opt->type == NVO_GENEVE_TYPE_GROUPS)
			nvo_geneve_groups(rx, p + sizeof(*opt),
					  olen - sizeof(*opt));
		else if (opt->type & NVO_GENEVE_CRIT_TYPE)
			return NVO_DROP_CRITICAL_OPT;
		p += olen;
		len -= olen;
	}
	return 0;
}

/* encap_rcv of the GENEVE sockets: skb->data is at the UDP header. The
 * frame is always consumed. OAM frames are for a control plane nvo does
 * not run, so they are dropped like any header nvo cannot use.
 */
static int nvo_geneve_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct nvo_dev *nvo = rcu_dereference_sk_user_data(sk);
	unsigned int hlen = sizeof(struct udphdr) + sizeof(struct nvo_geneve_hdr);
	const struct nvo_geneve_hdr *gh;
	struct nvo_vni *vni;
	enum nvo_drop why;

	if (unlikely(!nvo)) {
		kfree_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, hlen)) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_TRUNCATED);
		return 0;
	}
	gh = (const struct nvo_geneve_hdr *)(udp_hdr(skb) + 1);
	if (NVO_GENEVE_VER(gh) || (gh->flags & NVO_GENEVE_OAM)) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_BAD_FLAGS);
		return 0;
	}
	if (gh->proto != htons(ETH_P_TEB)) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_BAD_PROTO);
		return 0;
	}
	hlen += NVO_GENEVE_OPTLEN(gh);
	if (!pskb_may_pull(skb, hlen)) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_TRUNCATED);
		return 0;
	}
	gh = (const struct nvo_geneve_hdr *)(udp_hdr(skb) + 1);
	vni = nvo_vni_lookup(nvo, be32_to_cpu(gh->vni_rsvd) >> 8);
	if (!vni) {
		nvo_drop(nvo, NULL, NULL, skb, NVO_DROP_UNKNOWN_VNI);
		return 0;
	}
	why = nvo_geneve_opts((const u8 *)(gh + 1), NVO_GENEVE_OPTLEN(gh),
			      NVO_RX_ID(skb));
	if (why) {
		nvo_drop(nvo, vni, NULL, skb, why);
		return 0;
	}
	nvo_tunnel_rcv(nvo, vni, skb, hlen);
	return 0;
}

/* As for VXLAN: frames merge only with the same header, options and VNI
 * included.
 */
static struct sk_buff *nvo_geneve_gro_receive(struct sock *sk,
					      struct list_head *head,
					      struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb), hlen;
	const struct nvo_geneve_hdr *gh, *gh2;
	struct sk_buff *pp = NULL, *p;
	int flush = 1;

	gh = skb_gro_header(skb, off + sizeof(*gh), off);
	if (unlikely(!gh) || NVO_GENEVE_VER(gh) ||
	    (gh->flags & NVO_GENEVE_OAM) || gh->proto != htons(ETH_P_TEB))
		goto out;
	hlen = sizeof(*gh) + NVO_GENEVE_OPTLEN(gh);
	if (skb_gro_header_hard(skb, off + hlen)) {
		gh = skb_gro_header_slow(skb, off + hlen, off);
		if (unlikely(!gh))
			goto out;
	}
	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		gh2 = (const struct nvo_geneve_hdr *)(p->data + off);
		if (gh->ver_optlen != gh2->ver_optlen || memcmp(gh, gh2, hlen))
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	skb_gro_pull(skb, hlen);
	skb_gro_postpull_rcsum(skb, gh, hlen);
	pp = call_gro_receive(eth_gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int nvo_geneve_gro_complete(struct sock *sk, struct sk_buff *skb,
				   int nhoff)
{
	const struct nvo_geneve_hdr *gh = (void *)(skb->data + nhoff);

	/* skb->encapsulation is set: this sets the inner MAC header. */
	return eth_gro_complete(skb, nhoff + sizeof(*gh) +
				NVO_GENEVE_OPTLEN(gh));
}

const struct nvo_encap_ops nvo_geneve_ops = {
	.hlen		= nvo_geneve_hlen,
	.push		= nvo_geneve_push,
	.encap_rcv	= nvo_geneve_rcv,
	.gro_receive	= nvo_geneve_gro_receive,
	.gro_complete	= nvo_geneve_gro_complete,
};
