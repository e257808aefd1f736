// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Counters of devices, VNIs and ports (NVO_A_STATS) and the names of drop
 * reasons.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

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
};

const char *nvo_drop_name(unsigned int reason)
{
	return reason <= NVO_DROP_MAX ? drop_names[reason] : NULL;
}

/*
 * Fills st from an NVO_A_STATS nest; no nest: all zero. Reasons this
 * library does not know (a newer kernel's) are left out.
 */
int nvo_stats_parse(struct nvo *h, const struct nlattr *nest,
		    struct nvo_stats *st)
{
	const struct nlattr *tb[NVO_STATS_MAX + 1] = { NULL };
	const struct nlattr *drops[NVO_DROP_MAX + 1] = { NULL };
	unsigned int reason;

	memset(st, 0, sizeof(*st));
	if (!nest)
		return 0;
	if (nvo_attr_parse_nested(&nvo_stats_space, nest, tb) < 0 ||
	    (tb[NVO_STATS_DROPS] &&
	     nvo_attr_parse_nested(&nvo_drop_space, tb[NVO_STATS_DROPS],
				   drops) < 0))
		return nvo_errf(h, -EPROTO, "malformed counters in reply");

	st->rx_packets = nvo_u64(tb[NVO_STATS_RX_PACKETS]);
	st->rx_bytes = nvo_u64(tb[NVO_STATS_RX_BYTES]);
	st->tx_packets = nvo_u64(tb[NVO_STATS_TX_PACKETS]);
	st->tx_bytes = nvo_u64(tb[NVO_STATS_TX_BYTES]);
	for (reason = 1; reason <= NVO_DROP_MAX; reason++)
		st->drops[reason] = nvo_u64(drops[reason]);
	return 0;
}
