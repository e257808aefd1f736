// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl stats [DEV]: the counters of each device, its VNIs and its ports,
 * and the frames they dropped, by reason.
 */
#include <inttypes.h>
#include <stdio.h>

#include "nvctl.h"

#define LABEL_WIDTH	24

static void stats_json(struct json *j, const struct nvo_stats *st)
{
	unsigned int r;

	json_uint(j, "rx_packets", st->rx_packets);
	json_uint(j, "rx_bytes", st->rx_bytes);
	json_uint(j, "tx_packets", st->tx_packets);
	json_uint(j, "tx_bytes", st->tx_bytes);
	json_object_open(j, "drops");
	for (r = 1; r <= NVO_DROP_MAX; r++)
		json_uint(j, nvo_drop_name(r), st->drops[r]);
	json_object_close(j);
}

/* A row of the table, then the reasons of its drops if it had any. */
static void stats_text(const char *label, const struct nvo_stats *st)
{
	bool dropped = false;
	unsigned int r;

	printf("    %-*s %14" PRIu64 " %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
	       LABEL_WIDTH, label, st->rx_packets, st->rx_bytes,
	       st->tx_packets, st->tx_bytes);
	for (r = 1; r <= NVO_DROP_MAX; r++) {
		if (!st->drops[r])
			continue;
		printf("%s %s %" PRIu64, dropped ? "" : "        drops:",
		       nvo_drop_name(r), st->drops[r]);
		dropped = true;
	}
	if (dropped)
		putchar('\n');
}

static void dev_json(struct json *j, const struct nvo_dev_info *d,
		     const struct vec *vnis, const struct vec *ports)
{
	const struct nvo_vni_info *v = vnis->items;
	const struct nvo_port_info *p = ports->items;
	size_t i;

	json_object_open(j, NULL);
	json_string(j, "ifname", d->ifname);
	stats_json(j, &d->stats);
	json_array_open(j, "vnis");
	for (i = 0; i < vnis->len; i++) {
		json_object_open(j, NULL);
		json_uint(j, "vni", v[i].vni);
		stats_json(j, &v[i].stats);
		json_object_close(j);
	}
	json_array_close(j);
	json_array_open(j, "ports");
	for (i = 0; i < ports->len; i++) {
		json_object_open(j, NULL);
		json_string(j, "ifname", p[i].port_ifname);
		json_uint(j, "vni", p[i].vni);
		stats_json(j, &p[i].stats);
		json_object_close(j);
	}
	json_array_close(j);
	json_object_close(j);
}

static void dev_text(const struct nvo_dev_info *d, const struct vec *vnis,
		     const struct vec *ports)
{
	const struct nvo_vni_info *v = vnis->items;
	const struct nvo_port_info *p = ports->items;
	char label[64];
	size_t i;

	printf("%s:\n    %-*s %14s %14s %14s %14s\n", d->ifname, LABEL_WIDTH, "",
	       "rx_packets", "rx_bytes", "tx_packets", "tx_bytes");
	stats_text("device", &d->stats);
	for (i = 0; i < vnis->len; i++) {
		snprintf(label, sizeof(label), "vni %u", v[i].vni);
		stats_text(label, &v[i].stats);
	}
	for (i = 0; i < ports->len; i++) {
		snprintf(label, sizeof(label), "port %s (vni %u)",
			 p[i].port_ifname, p[i].vni);
		stats_text(label, &p[i].stats);
	}
}

static int stats_dev(struct nvctl *c, struct json *j,
		     const struct nvo_dev_info *d)
{
	struct vec vnis = VEC_INIT(struct nvo_vni_info);
	struct vec ports = VEC_INIT(struct nvo_port_info);
	int err;

	err = load_vnis(c, d->ifname, -1, &vnis);
	if (!err)
		err = load_ports(c, d->ifname, -1, &ports);
	if (!err && j)
		dev_json(j, d, &vnis, &ports);
	else if (!err)
		dev_text(d, &vnis, &ports);
	vec_free(&vnis);
	vec_free(&ports);
	return err;
}

int cmd_stats(struct nvctl *c, int argc, char **argv)
{
	return show_devs(c, argc, argv, stats_dev);
}
