// SPDX-License-Identifier: GPL-2.0
/*
 * The switch: where a tenant frame goes, by the FDB of its VNI.
 *
 * Frames from a port may go to another port of the VNI or to a remote
 * VTEP. Frames from the underlay only go to local ports: the VTEPs of a
 * VNI form a full mesh, so sending a remote's frame on to another remote
 * could only duplicate or loop it (split horizon).
 */

#include "nvo.h"

/* A port, or when @port is NULL the remote VTEP @remote. */
struct nvo_target {
	struct nvo_port *port;
	const struct nvo_addr *remote;
};

/* To a local port: the VNI's ACL, then its ingress rules, if it has any,
 * decide.
 */
static void nvo_switch_deliver(struct nvo_vni *vni, struct nvo_port *in,
			       struct nvo_port *to, struct sk_buff *skb)
{
	if (!nvo_acl_pass(vni, to, NVO_RULE_INGRESS, skb))
		return;
	if (READ_ONCE(to->fw) && !nvo_fw_ingress(to, in, skb))
		return;
	if (nvo_fw_confirm(to, vni, skb))
		nvo_port_deliver(to, skb);
}

static void nvo_send(struct nvo_vni *vni, struct nvo_port *in,
		     const struct nvo_target *t, struct sk_buff *skb)
{
	if (t->port)
		nvo_switch_deliver(vni, in, t->port, skb);
	else if (nvo_fw_confirm(in, vni, skb))
		nvo_tunnel_xmit(vni->nvo, vni, in, skb, t->remote);
}

/* Sends a clone to @prev, if there is one, and makes @next the target
 * that will get the original.
 */
static void nvo_flood_step(struct nvo_vni *vni, struct nvo_port *in,
			   struct nvo_target *prev, bool *have_prev,
			   struct nvo_target next, struct sk_buff *skb)
{
	struct sk_buff *copy;

	if (*have_prev) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			nvo_send(vni, in, prev, copy);
		else
			nvo_drop(vni->nvo, vni, in, NULL, NVO_DROP_NOMEM);
	}
	*prev = next;
	*have_prev = true;
}

/* Every other local port and, for frames from a port, every remote of
 * the flood list gets a copy.
 */
static void nvo_flood(struct nvo_vni *vni, struct nvo_port *in,
		      struct sk_buff *skb)
{
	const struct nvo_flood *fl = in ? rcu_dereference(vni->flood) : NULL;
	struct nvo_target prev = {};
	bool have_prev = false;
	struct nvo_port *port;
	unsigned int i;

	if (!nvo_frag_flood(vni, in, skb))
		return;
	list_for_each_entry_rcu(port, &vni->ports, vni_node)
		if (port != in)
			nvo_flood_step(vni, in, &prev, &have_prev,
				       (struct nvo_target){ .port = port }, skb);
	for (i = 0; fl && i < fl->n; i++)
		nvo_flood_step(vni, in, &prev, &have_prev,
			       (struct nvo_target){ .remote = &fl->remote[i] },
			       skb);

	if (have_prev)
		nvo_send(vni, in, &prev, skb);
	else
		nvo_drop(vni->nvo, vni, in, skb, NVO_DROP_NO_DEST);
}

/* A frame routed into @vni from port @in of another VNI of the tenant:
 * its destination is known, and it goes where the FDB says.
 */
void nvo_switch_routed(struct nvo_vni *vni, struct nvo_port *in,
		       struct nvo_fdb *f, struct sk_buff *skb)
{
	if (!f)
		nvo_flood(vni, in, skb);
	else if (f->port)
		nvo_switch_deliver(vni, in, f->port, skb);
	else if (nvo_fw_confirm(in, vni, skb))
		nvo_tunnel_xmit(vni->nvo, vni, in, skb, &f->remote);
}

void nvo_switch_from_port(struct nvo_port *in, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct nvo_vni *vni = in->vni;
	struct nvo_rif *rif;
	struct nvo_fdb *f;
	__be16 proto;

	if (unlikely(!is_valid_ether_addr(eth->h_source))) {
		nvo_drop(in->nvo, vni, in, skb, NVO_DROP_BAD_SRC_MAC);
		return;
	}
	if (READ_ONCE(in->nvo->cfg.learning))
		nvo_fdb_learn(vni, eth->h_source, in);
	/* ARP, ND and DHCP (when the port has a binding) get their answers
	 * here, ahead of the ACL and groups, as from the gateway; the rest
	 * goes on with the frame re-read.
	 */
	proto = eth->h_proto;
	if ((proto == htons(ETH_P_ARP) || proto == htons(ETH_P_IPV6)) &&
	    nvo_arpnd_rx(in, skb))
		return;
	if (proto == htons(ETH_P_IP) && rcu_access_pointer(in->dhcp) &&
	    nvo_dhcp_rx(in, skb))
		return;
	eth = (const struct ethhdr *)skb->data;

	/* To the gateway: routed, after the VNI's ACL (the sender's egress
	 * rules follow, once the router knows the destination).
	 */
	rif = rcu_dereference(vni->rif);
	if (rif && ether_addr_equal(eth->h_dest, rif->mac)) {
		if (nvo_acl_pass(vni, in, NVO_RULE_EGRESS, skb))
			nvo_l3_from_port(in, rif, skb);
		return;
	}

	f = is_multicast_ether_addr(eth->h_dest) ? NULL :
	    nvo_fdb_lookup(vni, eth->h_dest);
	if (f && f->port == in) {
		nvo_drop(in->nvo, vni, in, skb, NVO_DROP_HAIRPIN);
		return;
	}
	/* The VNI's ACL and the sender's egress rules decide before any copy
	 * is made.
	 */
	if (!nvo_acl_pass(vni, in, NVO_RULE_EGRESS, skb))
		return;
	if (READ_ONCE(in->fw) && !nvo_fw_egress(in, f, skb))
		return;
	if (!f)
		nvo_flood(vni, in, skb);
	else if (f->port)
		nvo_switch_deliver(vni, in, f->port, skb);
	else if (nvo_fw_confirm(in, vni, skb))
		nvo_tunnel_xmit(in->nvo, vni, in, skb, &f->remote);
}

void nvo_switch_from_tunnel(struct nvo_vni *vni, struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct nvo_fdb *f;

	if (unlikely(!is_valid_ether_addr(eth->h_source))) {
		nvo_drop(vni->nvo, vni, NULL, skb, NVO_DROP_BAD_SRC_MAC);
		return;
	}
	f = is_multicast_ether_addr(eth->h_dest) ? NULL :
	    nvo_fdb_lookup(vni, eth->h_dest);
	if (!f)
		nvo_flood(vni, NULL, skb);
	else if (f->port)
		nvo_switch_deliver(vni, NULL, f->port, skb);
	else
		nvo_drop(vni->nvo, vni, NULL, skb, NVO_DROP_NOT_LOCAL);
}
