// SPDX-License-Identifier: GPL-2.0-only
/* nvctl vni add|del|show: the tenant segments of an nvo device. */
#include <stdio.h>

#include "nvctl.h"

static int vni_change(struct nvctl *c, int argc, char **argv, bool add)
{
	struct nvo *h;
	const char *dev;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	h = nvctl_nvo(c);
	return nvctl_status(c, add ? nvo_vni_add(h, dev, vni) :
				     nvo_vni_del(h, dev, vni));
}

static int vni_add(struct nvctl *c, int argc, char **argv)
{
	return vni_change(c, argc, argv, true);
}

static int vni_del(struct nvctl *c, int argc, char **argv)
{
	return vni_change(c, argc, argv, false);
}

static void vni_item(struct json *j, const void *item)
{
	const struct nvo_vni_info *v = item;

	if (!j) {
		printf("vni %u ports %u fdb %u flood %u\n", v->vni,
		       v->port_count, v->fdb_count, v->flood_count);
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "vni", v->vni);
	json_uint(j, "ports", v->port_count);
	json_uint(j, "fdb", v->fdb_count);
	json_uint(j, "flood", v->flood_count);
	json_object_close(j);
}

static int vni_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_vni_info),
			  load_vnis, vni_item);
}

const struct cmd vni_cmds[] = {
	{ "add", vni_add },
	{ "del", vni_del },
	{ "show", vni_show },
	{ NULL, NULL },
};
