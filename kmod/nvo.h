/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvo: internal objects shared by the module's files.
 *
 * Locking: every configuration change runs under RTNL (taken by the
 * netlink pre_doit or by rtnetlink itself). The packet path only reads,
 * under RCU: VNIs and ports live in xarrays, FDB entries in a per-VNI
 * rhashtable, flood lists in RCU-replaced arrays. Learning inserts into
 * the FDB from the packet path; rhashtable makes that safe against the
 * configuration path, and every remove/replace is done by exactly one
 * winner, which alone frees the old entry.
 */
#ifndef _NVO_H
#define _NVO_H

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <uapi/linux/nvo.h>

/* Learned entries per VNI: a VM flooding random source MACs must not
 * exhaust memory; beyond this, new MACs are not learned.
 */
#define NVO_LEARN_MAX		4096
#define NVO_FLOOD_MAX		1024

struct nvo_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__NVO_DROP_MAX];
	struct u64_stats_sync syncp;
};

struct nvo_cfg {
	__be32 local_ip;
	__be16 dst_port;
	bool learning;
	u32 ageing;		/* seconds */
};

struct nvo_dev {
	struct net_device *dev;
	struct list_head list;		/* in nvo_net::devs, under RTNL */
	struct nvo_cfg cfg;
	struct socket __rcu *sock;	/* open while the device is up */
	struct xarray vnis;		/* VNI -> struct nvo_vni */
	struct xarray ports;		/* port ifindex -> struct nvo_port */
	unsigned int nvnis, nports;
	atomic_t gen;			/* dump consistency, never 0 */
	struct nvo_stats __percpu *stats;
	struct delayed_work ageing_work;
};

struct nvo_flood {
	struct rcu_head rcu;
	unsigned int n;
	__be32 remote[];
};

struct nvo_vni {
	u32 vni;
	refcount_t refs;		/* the device's, plus running dumps */
	struct nvo_dev *nvo;		/* not to be used once out of nvo->vnis */
	struct rhashtable fdb;
	atomic_t fdb_count;
	atomic_t fdb_learned;
	struct list_head ports;		/* RCU; written under RTNL */
	unsigned int nports;
	struct nvo_flood __rcu *flood;
	struct nvo_stats __percpu *stats;
	struct rcu_work free_work;
};

struct nvo_port {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	struct list_head vni_node;
	struct nvo_stats __percpu *stats;
	struct rcu_head rcu;
};

struct nvo_fdb {
	struct rhash_head node;
	u8 mac[ETH_ALEN];
	u8 flags;			/* enum nvo_fdb_flags */
	struct nvo_port *port;		/* local destination, or NULL */
	__be32 remote;			/* remote VTEP when !port */
	unsigned long updated;		/* jiffies of the last learn */
	struct rcu_head rcu;
};

extern struct workqueue_struct *nvo_wq;
extern const struct rhashtable_params nvo_fdb_params;

/* device.c */
extern struct rtnl_link_ops nvo_link_ops;
int nvo_device_init(void);
void nvo_device_exit(void);
static inline bool nvo_is_nvo(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &nvo_link_ops;
}

static inline void nvo_changed(struct nvo_dev *nvo)
{
	if (unlikely(atomic_inc_return(&nvo->gen) == 0))
		atomic_inc(&nvo->gen);
}

/* stats.c */
struct nvo_stats __percpu *nvo_stats_alloc(void);
void nvo_drop(struct nvo_dev *nvo, struct nvo_vni *vni,
	      struct nvo_port *port, struct sk_buff *skb, enum nvo_drop why);
void nvo_stats_sum(const struct nvo_stats __percpu *stats,
		   struct rtnl_link_stats64 *s, u64 *drops);
void nvo_dev_stats(struct nvo_dev *nvo, struct rtnl_link_stats64 *s,
		   u64 *drops);
int nvo_stats_fill(struct sk_buff *msg, const struct rtnl_link_stats64 *s,
		   const u64 *drops);
int nvo_stats_put(struct sk_buff *msg, const struct nvo_stats __percpu *stats);

static inline void nvo_count(struct nvo_stats __percpu *stats, bool tx,
			     unsigned int len)
{
	struct nvo_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	if (tx) {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	} else {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

/* vni.c */
struct nvo_vni *nvo_vni_get(struct nvo_dev *nvo, u32 vni);
struct nvo_vni *nvo_vni_get_next(struct nvo_dev *nvo, unsigned long *id);
void nvo_vni_put(struct nvo_vni *vni);
void nvo_vni_flush(struct nvo_dev *nvo);
static inline struct nvo_vni *nvo_vni_lookup(struct nvo_dev *nvo, u32 vni)
{
	return xa_load(&nvo->vnis, vni);
}

/* port.c */
int nvo_port_init(void);
void nvo_port_exit(void);
void nvo_port_detach_all(struct nvo_dev *nvo);
void nvo_port_deliver(struct nvo_port *port, struct sk_buff *skb);

/* fdb.c */
int nvo_fdb_init(struct nvo_vni *vni);
void nvo_fdb_destroy(struct nvo_vni *vni);
void nvo_fdb_learn(struct nvo_vni *vni, const u8 *mac, struct nvo_port *port);
void nvo_fdb_flush_port(struct nvo_port *port);
void nvo_fdb_age(struct nvo_dev *nvo);
static inline struct nvo_fdb *nvo_fdb_lookup(struct nvo_vni *vni,
					     const u8 *mac)
{
	return rhashtable_lookup(&vni->fdb, mac, nvo_fdb_params);
}

/* flood.c */
void nvo_flood_free(struct nvo_vni *vni);

/* switch.c */
void nvo_switch_from_port(struct nvo_port *in, struct sk_buff *skb);
void nvo_switch_from_tunnel(struct nvo_vni *vni, struct sk_buff *skb);

/* tunnel.c */
int nvo_tunnel_open(struct nvo_dev *nvo);
void nvo_tunnel_close(struct nvo_dev *nvo);
void nvo_tunnel_xmit(struct nvo_dev *nvo, struct nvo_vni *vni,
		     struct nvo_port *in, struct sk_buff *skb, __be32 remote);

/* vxlan.c */
#define NVO_VXLAN_HLEN	(sizeof(struct udphdr) + 8)
void nvo_vxlan_push(struct sk_buff *skb, u32 vni);
int nvo_vxlan_rcv(struct sock *sk, struct sk_buff *skb);

#endif /* _NVO_H */
