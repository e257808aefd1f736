// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl stats [DEV]: the counters of each device, its VNIs and its ports,
 * and the frames they dropped, by reason.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nvctl.h"

/* "port NAME (vni N)", NAME escaped */
#define LABEL_SIZE	(IFNAME_STRLEN + sizeof("port  (vni 4294967295)"))
#define COLS		4

static const char *const heads[COLS] = {
	"rx_packets", "rx_bytes", "tx_packets", "tx_bytes",
};

/* The counters libnvo keeps beside struct nvo_stats in each info struct. */
struct more {
	uint64_t learn_limit, neigh_answered, neigh_flooded, dhcp_answered;
};

#define MORE(info)	((struct more){ (info)->learn_limit, \
				(info)->neigh_answered, (info)->neigh_flooded, \
				(info)->dhcp_answered })

static void counters(const struct nvo_stats *st, uint64_t val[COLS])
{
	val[0] = st->rx_packets;
	val[1] = st->rx_bytes;
	val[2] = st->tx_packets;
	val[3] = st->tx_bytes;
}

/*
 * Every reason libnvo knows by name, and the others as "reason_N" when
 * not zero: JSON keeps the same keys from one run to the next.
 */
static void stats_json(struct json *j, const struct nvo_stats *st,
		       struct more m)
{
	char name[DROP_STRLEN];
	uint64_t val[COLS];
	unsigned int r;

	counters(st, val);
	for (r = 0; r < COLS; r++)
		json_uint(j, heads[r], val[r]);
	json_uint(j, "learn_limit", m.learn_limit);
	json_uint(j, "neigh_answered", m.neigh_answered);
	json_uint(j, "neigh_flooded", m.neigh_flooded);
	json_uint(j, "dhcp_answered", m.dhcp_answered);
	json_object_open(j, "drops");
	for (r = 1; r < LIBNVO_STATS_DROPS; r++)
		if (nvo_drop_name(r) || st->drops[r])
			json_uint(j, drop_str(r, name), st->drops[r]);
	if (st->drops_other)
		json_uint(j, "reason_other", st->drops_other);
	json_object_close(j);
}

/*
 * Drops by reason, addresses not learned, ARP/ND requests answered or let
 * through, and DHCP requests answered, each on one line when any.
 */
static void drops_text(const struct nvo_stats *st, struct more m)
{
	const char *start = "        drops:";
	char name[DROP_STRLEN];
	unsigned int r;

	for (r = 1; r < LIBNVO_STATS_DROPS; r++) {
		if (!st->drops[r])
			continue;
		printf("%s %s %" PRIu64, start, drop_str(r, name), st->drops[r]);
		start = "";
	}
	if (st->drops_other) {
		printf("%s reason_other %" PRIu64, start, st->drops_other);
		start = "";
	}
	if (!*start)
		putchar('\n');
	if (m.learn_limit)
		printf("        not learned (limit reached): %" PRIu64 "\n",
		       m.learn_limit);
	if (m.neigh_answered || m.neigh_flooded)
		printf("        neigh: answered %" PRIu64 " flooded %" PRIu64 "\n",
		       m.neigh_answered, m.neigh_flooded);
	if (m.dhcp_answered)
		printf("        dhcp: answered %" PRIu64 "\n", m.dhcp_answered);
}

static void dev_json(struct json *j, const struct nvo_dev_info *d,
		     const struct vec *vnis, const struct vec *ports)
{
	const struct nvo_vni_info *v = vnis->items;
	const struct nvo_port_info *p = ports->items;
	size_t i;

	json_object_open(j, NULL);
	json_string(j, "ifname", d->ifname);
	stats_json(j, &d->stats, MORE(d));
	json_array_open(j, "vnis");
	for (i = 0; i < vnis->len; i++) {
		json_object_open(j, NULL);
		json_uint(j, "vni", v[i].vni);
		stats_json(j, &v[i].stats, MORE(&v[i]));
		json_object_close(j);
	}
	json_array_close(j);
	json_array_open(j, "ports");
	for (i = 0; i < ports->len; i++) {
		json_object_open(j, NULL);
		json_string(j, "ifname", p[i].port_ifname);
		json_uint(j, "vni", p[i].vni);
		stats_json(j, &p[i].stats, MORE(&p[i]));
		json_object_close(j);
	}
	json_array_close(j);
	json_object_close(j);
}

/* The rows of a device's table: the device, its VNIs, then its ports. */
struct rows {
	const struct nvo_dev_info *d;
	const struct vec *vnis, *ports;
};

/* Row i's counters, its label in label, the others in *m. */
static const struct nvo_stats *row(const struct rows *t, size_t i,
				   char label[LABEL_SIZE], struct more *m)
{
	const struct nvo_vni_info *v = t->vnis->items;
	const struct nvo_port_info *p = t->ports->items;
	char name[IFNAME_STRLEN];

	if (!i) {
		snprintf(label, LABEL_SIZE, "device");
		*m = MORE(t->d);
		return &t->d->stats;
	}
	if (--i < t->vnis->len) {
		snprintf(label, LABEL_SIZE, "vni %u", v[i].vni);
		*m = MORE(&v[i]);
		return &v[i].stats;
	}
	i -= t->vnis->len;
	snprintf(label, LABEL_SIZE, "port %s (vni %u)",
		 ifname_str(p[i].port_ifname, name), p[i].vni);
	*m = MORE(&p[i]);
	return &p[i].stats;
}

static void widen(int *width, int len)
{
	if (len > *width)
		*width = len;
}

/* Each column as wide as its widest cell: any label or count fits. */
static void dev_text(const struct nvo_dev_info *d, const struct vec *vnis,
		     const struct vec *ports)
{
	const struct rows t = { d, vnis, ports };
	size_t i, n = 1 + vnis->len + ports->len;
	int lw = 0, w[COLS], k;
	char label[LABEL_SIZE], name[IFNAME_STRLEN];
	uint64_t val[COLS];
	struct more m;

	for (k = 0; k < COLS; k++)
		w[k] = strlen(heads[k]);
	for (i = 0; i < n; i++) {
		counters(row(&t, i, label, &m), val);
		widen(&lw, strlen(label));
		for (k = 0; k < COLS; k++)
			widen(&w[k], snprintf(NULL, 0, "%" PRIu64, val[k]));
	}

	printf("%s:\n    %-*s", ifname_str(d->ifname, name), lw, "");
	for (k = 0; k < COLS; k++)
		printf(" %*s", w[k], heads[k]);
	putchar('\n');
	for (i = 0; i < n; i++) {
		const struct nvo_stats *st = row(&t, i, label, &m);

		counters(st, val);
		printf("    %-*s", lw, label);
		for (k = 0; k < COLS; k++)
			printf(" %*" PRIu64, w[k], val[k]);
		putchar('\n');
		drops_text(st, m);
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
