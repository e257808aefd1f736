// SPDX-License-Identifier: GPL-2.0
/*
 * The firewall on the packet path: security groups of the ports, on
 * nf_conntrack in the zone of the VNI's tenant.
 *
 * One conntrack entry per connection and host: a frame from a firewalled
 * port is tracked as it enters the switch and its sender's egress rules
 * decide; a frame for a firewalled port is tracked (or keeps the entry it
 * got on entry) and the receiver's ingress rules decide. Rules are only
 * asked while conntrack has seen no reply (IP_CT_NEW); the entry is
 * confirmed when the frame leaves the switch, so a connection nobody
 * allowed leaves nothing behind. Its conntrack mark then holds the
 * device's firewall generation: after a flush (NVO_CMD_CONN_FLUSH) a
 * packet of an older connection has its port's rules asked again.
 */

#include <linux/icmpv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>

#include "nvo.h"

/* The other end of a connection, for remote-group rules: a local port,
 * or the groups a frame from the underlay carries, which count only when
 * its VTEP is one of the VNI's (checked when a rule first asks).
 */
struct nvo_fw_peer {
	const u16 *groups;
	unsigned int n;
	struct nvo_rx_id rx;
	struct nvo_addr src;		/* its VTEP, when from the underlay */
	bool tunnel;
	struct sk_buff *skb;		/* from the underlay, not read yet */
	struct nvo_vni *vni;
	int trusted;			/* -1: not checked yet */
};

static void nvo_fw_peer_port(struct nvo_fw_peer *p, const struct nvo_port *port)
{
	const struct nvo_sgset *set = port ? rcu_dereference(port->sgs) : NULL;

	p->tunnel = false;
	p->skb = NULL;
	p->groups = set ? set->ids : NULL;
	p->n = set ? set->n : 0;
}

/* The other end as FDB entry @f knows it (NULL: unknown): a local port,
 * or the groups the controller gave a remote entry, which it is trusted
 * for as for the rest of the entry.
 */
static void nvo_fw_peer_fdb(struct nvo_fw_peer *p, const struct nvo_fdb *f)
{
	nvo_fw_peer_port(p, f ? f->port : NULL);
	if (f && !f->port) {
		p->groups = f->sgs;
		p->n = f->nsg;
	}
}

/* The groups and VTEP of a frame from the underlay matter to remote-group
 * rules of new connections only: read when one asks (nvo_fw_peer_read),
 * or before reassembly, which reuses skb->cb and may move the headroom
 * where decapsulation left the outer header.
 */
static void nvo_fw_peer_tunnel(struct nvo_fw_peer *p, struct nvo_vni *vni,
			       struct sk_buff *skb)
{
	p->tunnel = true;
	p->skb = skb;
	p->vni = vni;
	p->trusted = -1;
}

static void nvo_fw_peer_read(struct nvo_fw_peer *p)
{
	const struct nvo_rx_id *rx;
	const struct iphdr *iph;

	if (!p->skb)
		return;
	rx = NVO_RX_ID(p->skb);
	iph = (const struct iphdr *)(p->skb->head + rx->outer_nh);
	p->skb = NULL;
	p->rx.ngroups = min_t(u8, rx->ngroups, NVO_PORT_SG_MAX);
	memcpy(p->rx.groups, rx->groups, p->rx.ngroups * sizeof(u16));
	p->groups = p->rx.groups;
	p->n = p->rx.ngroups;
	/* Settled before reassembly, which took the outer header along. */
	if (rx->trusted >= 0) {
		p->trusted = rx->trusted;
		return;
	}
	if (iph->version == 4) {
		p->src.family = AF_INET;
		p->src.ip4 = iph->saddr;
	} else {
		p->src.family = AF_INET6;
		p->src.ip6 = ((const struct ipv6hdr *)iph)->saddr;
	}
}

static bool nvo_fw_peer_trusted(struct nvo_fw_peer *p)
{
	if (p->trusted < 0)
		p->trusted = nvo_flood_has(p->vni, &p->src);
	return p->trusted;
}

/* Before a fragment from the underlay is reassembled outside the rules
 * (nvo_frag_flood()), which reuses skb->cb and may leave the datagram in
 * another fragment's buffer: its groups, and whether its VTEP is trusted
 * for them, settled in its rx id for the caller to put back.
 */
void nvo_fw_rx_id_settle(struct nvo_vni *vni, struct sk_buff *skb)
{
	struct nvo_fw_peer p;

	nvo_fw_peer_tunnel(&p, vni, skb);
	nvo_fw_peer_read(&p);
	NVO_RX_ID(skb)->trusted = nvo_fw_peer_trusted(&p);
}

static bool nvo_peer_in_group(struct nvo_fw_peer *p, u16 id)
{
	unsigned int i;

	nvo_fw_peer_read(p);
	for (i = 0; i < p->n; i++)
		if (p->groups[i] == id)
			return !p->tunnel || nvo_fw_peer_trusted(p);
	return false;
}

/* @t is the connection's first packet; @peer the other end. */
static bool nvo_rule_match(const struct nvo_rule *r,
			   const struct nf_conntrack_tuple *t,
			   struct nvo_fw_peer *peer)
{
	if (r->proto && r->proto != t->dst.protonum)
		return false;
	if (r->has_ports) {
		u16 port = ntohs(t->dst.u.all);

		if (port < r->port_min || port > r->port_max)
			return false;
	}
	if (r->icmp_type >= 0 && r->icmp_type != t->dst.u.icmp.type)
		return false;
	if (r->icmp_code >= 0 && r->icmp_code != t->dst.u.icmp.code)
		return false;
	if (r->remote.family)
		return nvo_cidr_match(&r->remote, r->prefix,
				      r->dir == NVO_RULE_INGRESS ?
				      &t->src.u3 : &t->dst.u3);
	if (r->remote_sg)
		return nvo_peer_in_group(peer, r->remote_sg);
	return true;
}

/* The rules of @rs for the connection's remote address at @plen, in the
 * index under each class in use: its protocol and destination port (ICMP:
 * type and code) with the class's bits of the port, or any protocol.
 */
static struct nvo_rule *nvo_rule_probe(struct nvo_rule_set *rs,
				       unsigned long classes,
				       struct nvo_rule_ikey *k,
				       const struct nf_conntrack_tuple *t,
				       struct nvo_fw_peer *peer)
{
	u16 port = ntohs(t->dst.u.all);
	u8 proto = t->dst.protonum;
	struct rhlist_head *list, *pos;
	struct nvo_rule_ent *e;
	unsigned int c;

	for_each_set_bit(c, &classes, NVO_RULE_PP_CLASSES) {
		k->pp = nvo_rule_pp(c, c == NVO_RULE_PP_ANY ? 0 : proto, port);
		list = rhltable_lookup(&rs->idx, k, nvo_rule_params);
		rhl_for_each_entry_rcu(e, pos, list, hnode)
			if (nvo_rule_match(e->rule, t, peer))
				return e->rule;
	}
	return NULL;
}

/* Rules of @rs for one of the groups of the other end, each looked up. */
static struct nvo_rule *nvo_rule_probe_sg(struct nvo_rule_set *rs,
					  unsigned long classes,
					  struct nvo_rule_ikey *k,
					  const struct nf_conntrack_tuple *t,
					  struct nvo_fw_peer *peer)
{
	struct nvo_rule *r;
	unsigned int i;

	nvo_fw_peer_read(peer);
	for (i = 0; i < peer->n; i++) {
		k->net[0] = cpu_to_be32(peer->groups[i]);
		r = nvo_rule_probe(rs, classes, k, t, peer);
		if (r)
			return r;
	}
	return NULL;
}

/* A rule of @rs (direction @dir) that allows the connection: one probe of
 * the index per remote prefix length and class in use.
 */
static bool nvo_rule_set_allows(struct nvo_rule_set *rs, u8 dir,
				const struct nf_conntrack_tuple *t,
				struct nvo_fw_peer *peer)
{
	const union nf_inet_addr *remote = dir == NVO_RULE_INGRESS ?
					   &t->src.u3 : &t->dst.u3;
	u8 proto = t->dst.protonum;
	unsigned long classes = READ_ONCE(rs->classes[nvo_rule_icmp(proto)]);
	bool v6 = t->src.l3num == NFPROTO_IPV6;
	struct nvo_rule_ikey k = {};
	struct nvo_rule *r;
	unsigned int plen;

	/* Port blocks are for protocols that have ports. */
	if (!nvo_proto_has_ports(proto) && !nvo_rule_icmp(proto))
		classes &= BIT(0) | BIT(NVO_RULE_PP_ANY);
	if (!classes)
		return false;
	for_each_set_bit(plen, rs->plens, NVO_RULE_PLENS) {
		nvo_rule_ikey_net(&k, v6, remote, plen);
		r = plen == NVO_RULE_SG ?
		    nvo_rule_probe_sg(rs, classes, &k, t, peer) :
		    nvo_rule_probe(rs, classes, &k, t, peer);
		if (r) {
			atomic64_inc(&r->hits);
			return true;
		}
	}
	return false;
}

/* Does a rule of @port's groups, in direction @dir, allow the connection? */
static bool nvo_fw_allows(const struct nvo_port *port, u8 dir,
			  const struct nf_conntrack_tuple *t,
			  struct nvo_fw_peer *peer)
{
	const struct nvo_sgset *set = rcu_dereference(port->sgs);
	bool v6 = t->src.l3num == NFPROTO_IPV6;
	struct nvo_sg *sg;
	unsigned int i;

	for (i = 0; set && i < set->n; i++) {
		sg = xa_load(&port->nvo->sgs, set->ids[i]);
		if (!sg)
			continue;
		if (nvo_rule_set_allows(&sg->sets[dir - 1][v6], dir, t, peer))
			return true;
	}
	return false;
}

/* Neighbour discovery and MLD are how IPv6 works at all; conntrack does
 * not track them either.
 */
static bool nvo_fw_icmpv6_always(struct sk_buff *skb)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	struct icmp6hdr _h, *h;
	__be16 frag;
	int off;

	off = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
			       sizeof(struct ipv6hdr), &nexthdr, &frag);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6 || frag)
		return false;
	h = skb_header_pointer(skb, off, sizeof(_h), &_h);
	if (!h)
		return false;
	switch (h->icmp6_type) {
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
	case ICMPV6_MLD2_REPORT:
		return true;
	}
	return false;
}

enum nvo_fw_class {
	NVO_FW_PASS,		/* not for the firewall: ARP, ND */
	NVO_FW_TRACK,		/* IPv4 or IPv6: conntrack decides */
	NVO_FW_REFUSE,		/* anything else */
};

/* skb->data is at the (untagged) Ethernet header. */
static enum nvo_fw_class nvo_fw_classify(struct sk_buff *skb, u8 *pf)
{
	switch (eth_hdr(skb)->h_proto) {
	case htons(ETH_P_ARP):
		return NVO_FW_PASS;
	case htons(ETH_P_IP):
		if (!pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return NVO_FW_REFUSE;
		*pf = NFPROTO_IPV4;
		return NVO_FW_TRACK;
	case htons(ETH_P_IPV6):
		if (!pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return NVO_FW_REFUSE;
		*pf = NFPROTO_IPV6;
		return nvo_fw_icmpv6_always(skb) ? NVO_FW_PASS : NVO_FW_TRACK;
	}
	return NVO_FW_REFUSE;
}

enum nvo_ct_res {
	NVO_CT_OK,		/* tracked: *ct is the entry */
	NVO_CT_HELD,		/* a fragment, held for the rest */
	NVO_CT_REFUSED,		/* a fragment reassembly refused (freed) */
	NVO_CT_INVALID,		/* not trackable */
};

/* The conntrack entry of @skb, looked up (or created unconfirmed) in the
 * zone of @vni's tenant unless the frame has one already; a fragment is
 * reassembled in that zone first.
 */
static enum nvo_ct_res nvo_ct(struct nvo_vni *vni, struct sk_buff *skb,
			      u8 pf, struct nf_conn **ct,
			      enum ip_conntrack_info *ctinfo)
{
	struct net *net = dev_net(vni->nvo->dev);
	struct nf_hook_state state = {
		.hook = NF_INET_PRE_ROUTING,
		.pf = pf,
		.net = net,
	};
	struct nvo_tenant *tn;
	struct nf_conn *tmpl;
	unsigned int verdict;
	int err;

	*ct = nf_ct_get(skb, ctinfo);
	if (*ct)
		return NVO_CT_OK;
	tn = rcu_dereference(vni->tn);
	if (!tn)
		return NVO_CT_INVALID;
	err = nvo_frag_gather(net, skb, pf, tn->id);
	if (err)
		return err == -EINPROGRESS ? NVO_CT_HELD : NVO_CT_REFUSED;
	tmpl = tn->tmpl;
	nf_conntrack_get(&tmpl->ct_general);
	nf_ct_set(skb, tmpl, IP_CT_NEW);
	/* conntrack reads the packet from skb->data. */
	skb_pull_rcsum(skb, ETH_HLEN);
	verdict = nf_conntrack_in(skb, &state);
	skb_push_rcsum(skb, ETH_HLEN);
	*ct = nf_ct_get(skb, ctinfo);
	return verdict == NF_ACCEPT && *ct ? NVO_CT_OK : NVO_CT_INVALID;
}

/* A reply from the underlay whose port's egress rules are asked again:
 * they knew the other end as the first packet's FDB entry said, or the
 * router's next hop when the reply comes routed (from the gateway's MAC).
 */
static void nvo_fw_peer_reply(struct nvo_fw_peer *p, struct nvo_vni *vni,
			      const struct nf_conntrack_tuple *t,
			      const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const struct nvo_rif *rif = rcu_dereference(vni->rif);
	const struct nvo_fdb *f;
	struct in6_addr ip;

	if (rif && ether_addr_equal(eth->h_source, rif->mac)) {
		if (t->src.l3num == NFPROTO_IPV6)
			ip = t->dst.u3.in6;
		else
			ipv6_addr_set_v4mapped(t->dst.u3.ip, &ip);
		f = nvo_l3_hop_fdb(rif, &ip);
	} else {
		f = nvo_fdb_lookup(vni, eth->h_source);
	}
	nvo_fw_peer_fdb(p, f);
}

/* Checks the frame against @port's rules in direction @dir, @peer being
 * the local port at the other end. False: dropped and counted on @port,
 * or held until the rest of its datagram comes.
 */
static bool nvo_fw_check(struct nvo_port *port, u8 dir,
			 struct nvo_fw_peer *peer, struct sk_buff *skb)
{
	const struct nf_conntrack_tuple *t;
	enum ip_conntrack_info ctinfo;
	enum nvo_drop why;
	struct nf_conn *ct;
	u8 pf;

	skb_set_network_header(skb, ETH_HLEN);
	switch (nvo_fw_classify(skb, &pf)) {
	case NVO_FW_PASS:
		return true;
	case NVO_FW_REFUSE:
		why = NVO_DROP_FW_PROTO;
		goto drop;
	case NVO_FW_TRACK:
		break;
	}
	if (peer->skb && nvo_frag_maybe(skb, pf))
		nvo_fw_peer_read(peer);
	switch (nvo_ct(port->vni, skb, pf, &ct, &ctinfo)) {
	case NVO_CT_OK:
		break;
	case NVO_CT_HELD:
		return false;
	case NVO_CT_REFUSED:
		nvo_drop(port->nvo, port->vni, port, NULL, NVO_DROP_FRAG);
		return false;
	case NVO_CT_INVALID:
		why = NVO_DROP_FW_INVALID;
		goto drop;
	}
	t = &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	if (ctinfo == IP_CT_NEW) {
		if (nvo_fw_allows(port, dir, t, peer))
			return true;
		why = NVO_DROP_FW_DENY;
		goto drop;
	}
	if (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY ||
	    likely(READ_ONCE(ct->mark) == READ_ONCE(port->nvo->fw_gen)))
		return true;
	/* Allowed by older rules (or before the port had any): the port's
	 * part in the connection, from its first packet, again.
	 */
	if (CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL) {
		dir = dir == NVO_RULE_INGRESS ? NVO_RULE_EGRESS :
						NVO_RULE_INGRESS;
		if (peer->tunnel)
			nvo_fw_peer_reply(peer, port->vni, t, skb);
	}
	if (nvo_fw_allows(port, dir, t, peer))
		return true;
	nf_ct_kill(ct);
	why = NVO_DROP_FW_DENY;
drop:
	nvo_drop(port->nvo, port->vni, port, skb, why);
	return false;
}

/* @f: the FDB entry of the destination (for a routed frame, of the next
 * hop), NULL when flooded or for the router itself.
 */
bool nvo_fw_egress(struct nvo_port *in, const struct nvo_fdb *f,
		   struct sk_buff *skb)
{
	struct nvo_fw_peer peer;

	nvo_fw_peer_fdb(&peer, f);
	return nvo_fw_check(in, NVO_RULE_EGRESS, &peer, skb);
}

/* @from: the local port the frame came from, NULL for the underlay. */
bool nvo_fw_ingress(struct nvo_port *to, struct nvo_port *from,
		    struct sk_buff *skb)
{
	struct nvo_fw_peer peer;

	if (from)
		nvo_fw_peer_port(&peer, from);
	else
		nvo_fw_peer_tunnel(&peer, to->vni, skb);
	return nvo_fw_check(to, NVO_RULE_INGRESS, &peer, skb);
}

/* The frame leaves the switch: its connection is allowed now, by the
 * rules of this generation.
 */
bool nvo_fw_confirm(struct nvo_port *blame, struct nvo_vni *vni,
		    struct sk_buff *skb)
{
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);
	u32 gen, limit;
	struct nvo_tenant *tn;
	unsigned int verdict;

	if (!ct)
		return true;
	gen = READ_ONCE(vni->nvo->fw_gen);
	if (READ_ONCE(ct->mark) != gen)
		WRITE_ONCE(ct->mark, gen);
	limit = READ_ONCE(vni->nvo->cfg.max_conns);
	tn = rcu_dereference(vni->tn);
	if (limit && tn && !nf_ct_is_confirmed(ct)) {
		if (!nvo_tenant_charge(tn, skb, ct, limit, &verdict)) {
			nvo_drop(vni->nvo, vni, blame, skb,
				 NVO_DROP_CONN_LIMIT);
			return false;
		}
	} else {
		verdict = nf_conntrack_confirm(skb);
	}
	nf_reset_ct(skb);
	if (likely(verdict == NF_ACCEPT))
		return true;
	nvo_drop(vni->nvo, vni, blame, skb, NVO_DROP_FW_INVALID);
	return false;
}
