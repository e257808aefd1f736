// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Counters of devices, VNIs and ports (NVO_A_STATS) and the names of drop
 * reasons.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

_Static_assert(NVO_DROP_MAX < LIBNVO_STATS_DROPS,
	       "struct nvo_stats must hold every drop reason of <linux/nvo.h>");

/* As in the comments of enum nvo_drop, which the kernel side shares. */
static const char *const drop_names[NVO_DROP_MAX + 1] = {
	[NVO_DROP_DEV_DOWN]	= "dev_down",
	[NVO_DROP_TRUNCATED]	= "truncated",
	[NVO_DROP_BAD_FLAGS]	= "bad_flags",
	[NVO_DROP_UNKNOWN_VNI]	= "unknown_vni",
	[NVO_DROP_BAD_SRC_MAC]	= "bad_src_mac",
	[NVO_DROP_NO_DEST]	= "no_dest",
	[NVO_DROP_HAIRPIN]	= "hairpin",
	[NVO_DROP_NOT_LOCAL]	= "not_local",
	[NVO_DROP_PORT_DOWN]	= "port_down",
	[NVO_DROP_MTU]		= "mtu",
	[NVO_DROP_NO_ROUTE]	= "no_route",
	[NVO_DROP_LOOP]		= "loop",
	[NVO_DROP_NOMEM]	= "nomem",
	[NVO_DROP_XMIT]		= "xmit",
	[NVO_DROP_DEV_XMIT]	= "dev_xmit",
	[NVO_DROP_LINK_LOCAL]	= "link_local",
	[NVO_DROP_BAD_PROTO]	= "bad_proto",
	[NVO_DROP_CRITICAL_OPT]	= "critical_opt",
	[NVO_DROP_ECN]		= "ecn",
	[NVO_DROP_TOO_BIG]	= "too_big",
	[NVO_DROP_FW_DENY]	= "fw_deny",
	[NVO_DROP_FW_INVALID]	= "fw_invalid",
	[NVO_DROP_FW_PROTO]	= "fw_proto",
	[NVO_DROP_CONN_LIMIT]	= "conn_limit",
	[NVO_DROP_ACL_DENY]	= "acl_deny",
	[NVO_DROP_NEIGH_UNKNOWN] = "neigh_unknown",
	[NVO_DROP_UNROUTABLE]	= "unroutable",
	[NVO_DROP_NO_NEIGH]	= "no_neigh",
	[NVO_DROP_TTL]		= "ttl",
	[NVO_DROP_DHCP_BAD]	= "dhcp_bad",
	[NVO_DROP_FRAG]		= "frag",
};

const char *nvo_drop_name(unsigned int reason)
{
	return reason <= NVO_DROP_MAX ? drop_names[reason] : NULL;
}

static const struct nvo_attr_desc stats_attrs[NVO_STATS_MAX + 1] = {
	[NVO_STATS_RX_PACKETS]	= { "rx_packets", MNL_TYPE_U64 },
	[NVO_STATS_RX_BYTES]	= { "rx_bytes", MNL_TYPE_U64 },
	[NVO_STATS_TX_PACKETS]	= { "tx_packets", MNL_TYPE_U64 },
	[NVO_STATS_TX_BYTES]	= { "tx_bytes", MNL_TYPE_U64 },
	[NVO_STATS_DROPS]	= { "drops", MNL_TYPE_NESTED },
	[NVO_STATS_LEARN_LIMIT]	= { "learn_limit", MNL_TYPE_U64 },
	[NVO_STATS_NEIGH_ANSWERED] = { "neigh_answered", MNL_TYPE_U64 },
	[NVO_STATS_NEIGH_FLOODED] = { "neigh_flooded", MNL_TYPE_U64 },
	[NVO_STATS_DHCP_ANSWERED] = { "dhcp_answered", MNL_TYPE_U64 },
};

static const struct nvo_attr_space stats_space = {
	.max = NVO_STATS_MAX, .attrs = stats_attrs,
};

/*
 * The drops nest is read by number, not through an attribute space: a
 * newer kernel's reasons are kept too, and type 0 is padding.
 */
static int drops_parse(const struct nlattr *nest, struct nvo_stats *st)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		unsigned int reason = mnl_attr_get_type(a);

		if (!reason)
			continue;
		if (mnl_attr_get_payload_len(a) != sizeof(uint64_t))
			return -EPROTO;
		if (reason < LIBNVO_STATS_DROPS)
			st->drops[reason] = mnl_attr_get_u64(a);
		else
			st->drops_other += mnl_attr_get_u64(a);
	}
	return 0;
}

/*
 * Fills st from an NVO_A_STATS nest, and the counters that struct
 * nvo_stats has no room for, which the info structs keep beside it; no
 * nest: all zero.
 */
int nvo__stats_parse(struct nvo *h, const struct nlattr *nest,
		      struct nvo_stats *st, uint64_t *learn_limit,
		      uint64_t *neigh_answered, uint64_t *neigh_flooded,
		      uint64_t *dhcp_answered)
{
	const struct nlattr *tb[NVO_STATS_MAX + 1] = { NULL };

	memset(st, 0, sizeof(*st));
	*learn_limit = *neigh_answered = *neigh_flooded = *dhcp_answered = 0;
	if (!nest)
		return 0;
	if (nvo__attr_parse_nested(&stats_space, nest, tb) < 0 ||
	    (tb[NVO_STATS_DROPS] && drops_parse(tb[NVO_STATS_DROPS], st) < 0))
		return nvo__errf(h, -EPROTO, "malformed counters in reply");

	st->rx_packets = nvo_u64(tb[NVO_STATS_RX_PACKETS]);
	st->rx_bytes = nvo_u64(tb[NVO_STATS_RX_BYTES]);
	st->tx_packets = nvo_u64(tb[NVO_STATS_TX_PACKETS]);
	st->tx_bytes = nvo_u64(tb[NVO_STATS_TX_BYTES]);
	*learn_limit = nvo_u64(tb[NVO_STATS_LEARN_LIMIT]);
	*neigh_answered = nvo_u64(tb[NVO_STATS_NEIGH_ANSWERED]);
	*neigh_flooded = nvo_u64(tb[NVO_STATS_NEIGH_FLOODED]);
	*dhcp_answered = nvo_u64(tb[NVO_STATS_DHCP_ANSWERED]);
	return 0;
}
