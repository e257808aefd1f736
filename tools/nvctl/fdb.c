// SPDX-License-Identifier: GPL-2.0-only
/* nvctl fdb add|replace|del|show: where the MAC addresses of a VNI live. */
#include <stdio.h>

#include "nvctl.h"

static int fdb_set(struct nvctl *c, int argc, char **argv, bool replace)
{
	const char *dev, *port = NULL;
	struct nvo_addr remote = { 0 };
	uint16_t ids[NVO_PORT_SG_MAX];
	struct nvo_fdb_cfg cfg = { 0 };
	uint8_t mac[6] = { 0 };
	struct sg_list sgs;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "mac", .type = ARG_MAC, .dst = mac, .required = true },
		{ .kw = "remote", .type = ARG_ADDR, .dst = &remote, .group = 1 },
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port, .group = 1 },
		{ .kw = "sg", .type = ARG_SG_LIST, .dst = &sgs },
		{ NULL },
	};
	bool has_remote;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	has_remote = arg_seen(args, "remote");
	if (!has_remote && !port)
		return usage_error("\"remote\" or \"dev\" is missing");
	if (arg_seen(args, "sg")) {
		/* ids, or names of this device's groups */
		struct sg_table t = SG_TABLE_INIT(dev);

		err = sg_ids(c, &t, &sgs, ids);
		vec_free(&t.v);
		if (err)
			return err;
		cfg.set |= NVO_FDB_SGS;
		cfg.sg = ids;
		cfg.sg_count = sgs.count;
	}
	return nvctl_status(c, nvo_fdb_add_cfg(nvctl_nvo(c), dev, vni, mac,
					       has_remote ? &remote : NULL,
					       port, replace, &cfg));
}

static int fdb_add(struct nvctl *c, int argc, char **argv)
{
	return fdb_set(c, argc, argv, false);
}

static int fdb_replace(struct nvctl *c, int argc, char **argv)
{
	return fdb_set(c, argc, argv, true);
}

static int fdb_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint8_t mac[6] = { 0 };
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "mac", .type = ARG_MAC, .dst = mac, .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_fdb_del(nvctl_nvo(c), dev, vni, mac));
}

static bool fdb_learned(const struct nvo_fdb_info *f)
{
	return f->flags & NVO_FDB_F_LEARNED;
}

/* " remote ADDR" or " dev PORT", then how it was learned. */
void fdb_print_dest(const struct nvo_fdb_info *f)
{
	unsigned int i;

	if (f->port_ifindex) {
		char name[IFNAME_STRLEN];

		printf(" dev %s", ifname_str(f->port_ifname, name));
	} else {
		char addr[INET6_ADDRSTRLEN];

		printf(" remote %s", addr_str(&f->remote, addr));
	}
	for (i = 0; i < f->sg_count; i++)
		printf("%s%u", i ? "," : " sg ", f->sg[i]);
	if (fdb_learned(f))
		printf(" learned age %us", f->age);
}

void fdb_json(struct json *j, const struct nvo_fdb_info *f, bool with_vni)
{
	char buf[INET6_ADDRSTRLEN > MAC_STRLEN ? INET6_ADDRSTRLEN : MAC_STRLEN];
	unsigned int i;

	json_object_open(j, NULL);
	if (with_vni)
		json_uint(j, "vni", f->vni);
	json_string(j, "mac", mac_str(f->mac, buf));
	if (f->port_ifindex)
		json_string(j, "dev", f->port_ifname);
	else
		json_string(j, "remote", addr_str(&f->remote, buf));
	if (f->sg_count) {
		json_array_open(j, "sg");
		for (i = 0; i < f->sg_count; i++)
			json_uint(j, NULL, f->sg[i]);
		json_array_close(j);
	}
	json_bool(j, "learned", fdb_learned(f));
	if (fdb_learned(f))
		json_uint(j, "age", f->age);
	json_object_close(j);
}

static void fdb_item(struct json *j, const void *item,
		     const void *ctx NVCTL_UNUSED)
{
	const struct nvo_fdb_info *f = item;
	char mac[MAC_STRLEN];

	if (j) {
		fdb_json(j, f, true);
		return;
	}
	printf("vni %u mac %s", f->vni, mac_str(f->mac, mac));
	fdb_print_dest(f);
	putchar('\n');
}

static int fdb_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_fdb_info),
			  load_fdb, fdb_item);
}

const struct cmd fdb_cmds[] = {
	{ "add", fdb_add },
	{ "replace", fdb_replace },
	{ "del", fdb_del },
	{ "show", fdb_show },
	{ NULL, NULL },
};
