// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl port add|set|del|show: local devices attached to a VNI, with
 * their security groups.
 */
#include <stdio.h>

#include "nvctl.h"

/* The ids of l's groups into ids and cfg, names looked up in t. */
static int port_cfg_sgs(struct nvctl *c, struct sg_table *t,
			const struct sg_list *l,
			uint16_t ids[NVO_PORT_SG_MAX], struct nvo_port_cfg *cfg)
{
	unsigned int i;
	int err;

	for (i = 0; i < l->count; i++) {
		err = sg_id(c, t, &l->refs[i], "sg", &ids[i]);
		if (err)
			return err;
	}
	cfg->set |= NVO_PORT_SGS;
	cfg->sg = ids;
	cfg->sg_count = l->count;
	return 0;
}

/* Security groups and port security of a port, as its args gave them. */
static int port_cfg(struct nvctl *c, const char *dev, const struct arg *args,
		    const struct sg_list *l, uint16_t ids[NVO_PORT_SG_MAX],
		    struct nvo_port_cfg *cfg)
{
	struct sg_table t = SG_TABLE_INIT(dev);
	int err = 0;

	if (arg_seen(args, "port-security"))
		cfg->set |= NVO_PORT_SECURITY;
	if (arg_seen(args, "sg"))
		err = port_cfg_sgs(c, &t, l, ids, cfg);
	vec_free(&t.v);
	return err;
}

static int port_add(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct nvo_port_cfg cfg = { 0 };
	uint16_t ids[NVO_PORT_SG_MAX];
	struct sg_list sgs;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "id", .type = ARG_U32, .dst = &cfg.id },
		{ .kw = "sg", .type = ARG_SG_LIST, .dst = &sgs },
		{ .kw = "port-security", .type = ARG_ON_OFF,
		  .dst = &cfg.security },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	if (arg_seen(args, "id"))
		cfg.set |= NVO_PORT_ID;
	err = port_cfg(c, dev, args, &sgs, ids, &cfg);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_add_cfg(nvctl_nvo(c), dev, port, vni,
						&cfg));
}

/*
 * "port set [[dev] DEV] dev IFNAME [sg GROUP[,GROUP...]|none]
 * [port-security on|off]": without DEV, the nvo device IFNAME is a port
 * of.
 */
static int port_set(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct nvo_port_cfg cfg = { 0 };
	uint16_t ids[NVO_PORT_SG_MAX];
	char master[IF_NAMESIZE];
	struct sg_list sgs;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ .kw = "sg", .type = ARG_SG_LIST, .dst = &sgs },
		{ .kw = "port-security", .type = ARG_ON_OFF,
		  .dst = &cfg.security },
		{ NULL },
	};
	int err;

	err = parse_cmd_opt_dev(argc, argv, args, &dev);
	if (err)
		return err;
	if (!arg_seen(args, "sg") && !arg_seen(args, "port-security"))
		return usage_error("nothing to change for port \"%s\"", port);
	if (!dev) {
		err = nvo_port_master(nvctl_nvo(c), port, master);
		if (err)
			return nvctl_status(c, err);
		dev = master;
	}
	err = port_cfg(c, dev, args, &sgs, ids, &cfg);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_set(nvctl_nvo(c), dev, port, &cfg));
}

static int port_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_del(nvctl_nvo(c), dev, port));
}

/* Whether group names are needed to print ports. */
bool ports_have_sgs(const struct vec *ports)
{
	const struct nvo_port_info *p = ports->items;
	size_t i;

	for (i = 0; i < ports->len; i++)
		if (p[i].sg_count)
			return true;
	return false;
}

/* " sg web,app" if it has groups, " port-security off" if it is off. */
void port_print_sgs(const struct nvo_port_info *p, const struct sg_table *t)
{
	unsigned int i;

	for (i = 0; i < p->sg_count; i++) {
		fputs(i ? "," : " sg ", stdout);
		sg_print(t, p->sg[i], false);
	}
	if (!p->security)
		fputs(" port-security off", stdout);
}

/* Groups by name, or by id when they have none. */
void port_json_sgs(struct json *j, const struct nvo_port_info *p,
		   const struct sg_table *t)
{
	unsigned int i;

	json_array_open(j, "sg");
	for (i = 0; i < p->sg_count; i++)
		sg_json(j, NULL, t, p->sg[i]);
	json_array_close(j);
	json_bool(j, "port_security", p->security);
}

/* The id only when there is one, as "port add" takes it. ctx: groups */
static void port_item(struct json *j, const void *item, const void *ctx)
{
	const struct nvo_port_info *p = item;
	char name[IFNAME_STRLEN];

	if (!j) {
		printf("dev %s vni %u", ifname_str(p->port_ifname, name),
		       p->vni);
		if (p->id)
			printf(" id %u", p->id);
		port_print_sgs(p, ctx);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_string(j, "ifname", p->port_ifname);
	json_uint(j, "vni", p->vni);
	json_uint(j, "id", p->id);
	port_json_sgs(j, p, ctx);
	json_object_close(j);
}

/* "port show [dev] DEV [vni N]", with the groups if a port has any. */
static int port_show(struct nvctl *c, int argc, char **argv)
{
	struct vec ports = VEC_INIT(struct nvo_port_info);
	struct sg_table t;
	const char *dev;
	int64_t vni;
	int err;

	err = parse_show(argc, argv, &dev, &vni);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = load_ports(c, dev, vni, &ports);
	if (!err && ports_have_sgs(&ports))
		err = sg_table_load(c, &t);
	if (!err)
		print_table(c, &ports, port_item, &t);
	vec_free(&ports);
	vec_free(&t.v);
	return err;
}

const struct cmd port_cmds[] = {
	{ "add", port_add },
	{ "set", port_set },
	{ "del", port_del },
	{ "show", port_show },
	{ NULL, NULL },
};
