// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters of devices, VNIs and ports, and the one place a frame
 * is dropped: every drop is counted with its reason.
 */

#include "nvo.h"

struct nvo_stats __percpu *nvo_stats_alloc(void)
{
	struct nvo_stats __percpu *stats;
	int cpu;

	stats = alloc_percpu_gfp(struct nvo_stats, GFP_KERNEL_ACCOUNT);
	if (!stats)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}

static void nvo_count_drop(struct nvo_stats __percpu *stats,
			   enum nvo_drop why)
{
	struct nvo_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[why]);
	u64_stats_update_end(&s->syncp);
}

/* Counted at every level the frame belonged to: port, VNI, device. */
void nvo_drop(struct nvo_dev *nvo, struct nvo_vni *vni,
	      struct nvo_port *port, struct sk_buff *skb, enum nvo_drop why)
{
	nvo_count_drop(nvo->stats, why);
	if (vni)
		nvo_count_drop(vni->stats, why);
	if (port)
		nvo_count_drop(port->stats, why);
	kfree_skb(skb);
}

/* Counts the counter at offset @field of struct nvo_stats, for something
 * a port's frame caused, at every level: device, VNI, port.
 */
static void nvo_count_event(struct nvo_vni *vni, struct nvo_port *port,
			    size_t field)
{
	struct nvo_stats __percpu *levels[] = {
		port->nvo->stats, vni->stats, port->stats,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		struct nvo_stats *s = this_cpu_ptr(levels[i]);

		u64_stats_update_begin(&s->syncp);
		u64_stats_inc((u64_stats_t *)((void *)s + field));
		u64_stats_update_end(&s->syncp);
	}
}

/* Learning never fails a frame; what it could not learn is counted. */
void nvo_learn_limited(struct nvo_vni *vni, struct nvo_port *port)
{
	nvo_count_event(vni, port, offsetof(struct nvo_stats, learn_limit));
}

/* An ARP/ND request of @port answered by nvo, or for an unknown address. */
void nvo_neigh_counted(struct nvo_port *port, bool answered)
{
	nvo_count_event(port->vni, port,
			answered ? offsetof(struct nvo_stats, neigh_answered) :
				   offsetof(struct nvo_stats, neigh_flooded));
}

void nvo_dhcp_counted(struct nvo_port *port)
{
	nvo_count_event(port->vni, port,
			offsetof(struct nvo_stats, dhcp_answered));
}

void nvo_stats_sum(const struct nvo_stats __percpu *stats,
		   struct nvo_counters *c)
{
	int cpu, i;

	memset(c, 0, sizeof(*c));
	for_each_possible_cpu(cpu) {
		const struct nvo_stats *p = per_cpu_ptr(stats, cpu);
		u64 rxp, rxb, txp, txb, ll, na, nf, da, d[__NVO_DROP_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			rxp = u64_stats_read(&p->rx_packets);
			rxb = u64_stats_read(&p->rx_bytes);
			txp = u64_stats_read(&p->tx_packets);
			txb = u64_stats_read(&p->tx_bytes);
			ll = u64_stats_read(&p->learn_limit);
			na = u64_stats_read(&p->neigh_answered);
			nf = u64_stats_read(&p->neigh_flooded);
			da = u64_stats_read(&p->dhcp_answered);
			for (i = 0; i < __NVO_DROP_MAX; i++)
				d[i] = u64_stats_read(&p->drops[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));

		c->s.rx_packets += rxp;
		c->s.rx_bytes += rxb;
		c->s.tx_packets += txp;
		c->s.tx_bytes += txb;
		c->learn_limit += ll;
		c->neigh_answered += na;
		c->neigh_flooded += nf;
		c->dhcp_answered += da;
		for (i = 0; i < __NVO_DROP_MAX; i++)
			c->drops[i] += d[i];
	}
}

/* A device's traffic is counted where iptunnel_xmit() counts it, in its
 * tstats, so that frames the underlay drops after the hand-off are not
 * reported as sent; those show as "xmit" drops.
 */
void nvo_dev_stats(struct nvo_dev *nvo, struct nvo_counters *c)
{
	nvo_stats_sum(nvo->stats, c);
	memset(&c->s, 0, sizeof(c->s));
	dev_fetch_sw_netstats(&c->s, nvo->dev->tstats);
	c->drops[NVO_DROP_XMIT] += DEV_STATS_READ(nvo->dev, tx_dropped);
}

int nvo_stats_fill(struct sk_buff *msg, const struct nvo_counters *c)
{
	struct nlattr *nest, *dnest;
	int i;

	nest = nla_nest_start(msg, NVO_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(msg, NVO_STATS_RX_PACKETS, c->s.rx_packets,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_RX_BYTES, c->s.rx_bytes,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_TX_PACKETS, c->s.tx_packets,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_TX_BYTES, c->s.tx_bytes,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_LEARN_LIMIT, c->learn_limit,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_NEIGH_ANSWERED, c->neigh_answered,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_NEIGH_FLOODED, c->neigh_flooded,
			      NVO_STATS_PAD) ||
	    nla_put_u64_64bit(msg, NVO_STATS_DHCP_ANSWERED, c->dhcp_answered,
			      NVO_STATS_PAD))
		goto err;
	dnest = nla_nest_start(msg, NVO_STATS_DROPS);
	if (!dnest)
		goto err;
	for (i = 1; i < __NVO_DROP_MAX; i++)
		if (nla_put_u64_64bit(msg, i, c->drops[i], NVO_DROP_UNSPEC))
			goto err;
	nla_nest_end(msg, dnest);
	nla_nest_end(msg, nest);
	return 0;
err:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

int nvo_stats_put(struct sk_buff *msg, const struct nvo_stats __percpu *stats)
{
	struct nvo_counters c;

	nvo_stats_sum(stats, &c);
	return nvo_stats_fill(msg, &c);
}
