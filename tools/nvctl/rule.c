// SPDX-License-Identifier: GPL-2.0-only
/* nvctl sg rule add|del|show: what the security groups of a device allow. */
#include <inttypes.h>
#include <stdio.h>
#include <linux/if_ether.h>

#include "nvctl.h"

/*
 * What the kernel would refuse for certain, said in the words of the
 * command line: ports and ICMP need their protocol, a code needs a type.
 * The ethertype is the one given, or the remote's family, or IPv6 for
 * ICMPv6, or else IPv4.
 */
static int rule_check(struct nvo_rule *r, const struct arg *args,
		      const struct prefix *remote, bool v6)
{
	bool has_v = arg_seen(args, "ipv4") || arg_seen(args, "ipv6");
	bool icmp = r->proto == IPPROTO_ICMP || r->proto == IPPROTO_ICMPV6;
	int err;

	if (!arg_seen(args, "ingress") && !arg_seen(args, "egress"))
		return usage_error("\"ingress\" or \"egress\" is missing");
	err = check_port_proto(args, r->proto);
	if (err)
		return err;
	if (arg_seen(args, "icmp-code") && !arg_seen(args, "icmp-type"))
		return usage_error("\"icmp-code\" needs \"icmp-type\"");
	if (arg_seen(args, "icmp-type") && (!arg_seen(args, "proto") || !icmp))
		return usage_error("\"icmp-type\" needs \"proto\" icmp or icmpv6");
	if (!has_v && arg_seen(args, "remote"))
		v6 = remote->addr.family == AF_INET6;
	else if (!has_v)
		v6 = arg_seen(args, "proto") && r->proto == IPPROTO_ICMPV6;
	if (arg_seen(args, "remote")) {
		err = check_prefix_family("remote", remote, v6, "the rule");
		if (err)
			return err;
	}
	r->ethertype = v6 ? ETH_P_IPV6 : ETH_P_IP;
	return 0;
}

/*
 * "[dev] DEV GROUP [id N] ingress|egress [ipv4|ipv6] [proto P]
 * [port P[-Q]] [icmp-type T [icmp-code C]] [remote PREFIX |
 * remote-group G]"
 */
static int rule_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_rule r = { 0 };
	struct prefix remote = { .len = 0 };
	struct group_ref g, rg = { NULL, 0 };
	uint16_t ports[2] = { 0, 0 };
	bool ingress = false, v6 = false;
	struct arg args[] = {
		{ .kw = "id", .type = ARG_U32, .dst = &r.id },
		{ .kw = "ingress", .type = ARG_FLAG, .dst = &ingress,
		  .flag = true, .group = 1 },
		{ .kw = "egress", .type = ARG_FLAG, .dst = &ingress,
		  .flag = false, .group = 1 },
		{ .kw = "ipv4", .type = ARG_FLAG, .dst = &v6, .flag = false,
		  .group = 2 },
		{ .kw = "ipv6", .type = ARG_FLAG, .dst = &v6, .flag = true,
		  .group = 2 },
		{ .kw = "proto", .type = ARG_PROTO, .dst = &r.proto },
		{ .kw = "port", .type = ARG_PORTS, .dst = ports, .group = 3 },
		{ .kw = "icmp-type", .type = ARG_U8, .dst = &r.icmp_type,
		  .group = 3 },
		{ .kw = "icmp-code", .type = ARG_U8, .dst = &r.icmp_code },
		{ .kw = "remote", .type = ARG_PREFIX, .dst = &remote,
		  .group = 4 },
		{ .kw = "remote-group", .type = ARG_GROUP, .dst = &rg,
		  .group = 4 },
		{ NULL },
	};
	/* The field of each argument above, if it has one. */
	static const uint32_t fields[] = {
		NVO_RULE_HAS_ID, 0, 0, 0, 0, NVO_RULE_HAS_PROTO,
		NVO_RULE_HAS_PORTS, NVO_RULE_HAS_ICMP_TYPE,
		NVO_RULE_HAS_ICMP_CODE, NVO_RULE_HAS_REMOTE,
		NVO_RULE_HAS_REMOTE_SG,
	};
	struct sg_table t;
	const char *dev;
	unsigned int i;
	int err;

	_Static_assert(sizeof(fields) / sizeof(fields[0]) ==
		       sizeof(args) / sizeof(args[0]) - 1,
		       "one field per argument");
	err = parse_cmd_group(argc, argv, args, &dev, &g, NULL);
	if (!err)
		err = rule_check(&r, args, &remote, v6);
	if (err)
		return err;
	for (i = 0; args[i].kw; i++)
		if (args[i].seen)
			r.set |= fields[i];
	r.dir = ingress ? NVO_RULE_INGRESS : NVO_RULE_EGRESS;
	r.port_min = ports[0];
	r.port_max = ports[1];
	r.remote = remote.addr;
	r.prefix = remote.len;

	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = sg_id(c, &t, &g, NULL, &r.sg);
	if (!err && arg_seen(args, "remote-group"))
		err = sg_id(c, &t, &rg, "remote-group", &r.remote_sg);
	if (!err)
		err = nvctl_status(c, nvo_rule_add(nvctl_nvo(c), dev, &r));
	vec_free(&t.v);
	return err;
}

static int rule_del(struct nvctl *c, int argc, char **argv)
{
	uint32_t id = 0;
	struct arg args[] = {
		{ .kw = "id", .type = ARG_U32, .dst = &id, .required = true },
		{ NULL },
	};
	struct group_ref g;
	struct sg_table t;
	const char *dev;
	uint16_t sg;
	int err;

	err = parse_cmd_group(argc, argv, args, &dev, &g, NULL);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = sg_id(c, &t, &g, NULL, &sg);
	if (!err)
		err = nvctl_status(c, nvo_rule_del(nvctl_nvo(c), dev, sg, id));
	vec_free(&t.v);
	return err;
}

/*
 * In the words of "sg rule add": the group by name ("id N" without one),
 * then what was given; proto "any" is left out, as the default.
 */
static void rule_text(const struct nvo_rule_info *info,
		      const struct sg_table *t)
{
	const struct nvo_rule *r = &info->rule;
	char buf[PREFIX_STRLEN], dir[DIR_STRLEN];

	_Static_assert(PREFIX_STRLEN >= ETHERTYPE_STRLEN, "buf fits both");
	sg_print(t, r->sg, true);
	printf(" id %u %s %s", r->id, dir_str(r->dir, dir),
	       ethertype_str(r->ethertype, buf));
	print_proto_ports(r->set & NVO_RULE_HAS_PROTO ? r->proto : 0,
			  r->set & NVO_RULE_HAS_PORTS, r->port_min,
			  r->port_max);
	if (r->set & NVO_RULE_HAS_ICMP_TYPE)
		printf(" icmp-type %u", r->icmp_type);
	if (r->set & NVO_RULE_HAS_ICMP_CODE)
		printf(" icmp-code %u", r->icmp_code);
	if (r->set & NVO_RULE_HAS_REMOTE)
		printf(" remote %s", prefix_str(&r->remote, r->prefix, buf));
	if (r->set & NVO_RULE_HAS_REMOTE_SG) {
		fputs(" remote-group ", stdout);
		sg_print(t, r->remote_sg, false);
	}
	printf(" hits %" PRIu64 "\n", info->hits);
}

/* Ports, ICMP and the remote only when the rule has them. */
static void rule_json(struct json *j, const struct nvo_rule_info *info,
		      const struct sg_table *t)
{
	const struct nvo_rule *r = &info->rule;
	const struct nvo_sg_info *sg = sg_find(t, r->sg);
	char buf[PREFIX_STRLEN];

	json_object_open(j, NULL);
	json_uint(j, "sg", r->sg);
	if (sg && *sg->name)
		json_string(j, "sg_name", sg->name);
	json_uint(j, "id", r->id);
	if (r->dir == NVO_RULE_INGRESS || r->dir == NVO_RULE_EGRESS)
		json_string(j, "dir", dir_str(r->dir, buf));
	else
		json_uint(j, "dir", r->dir);
	if (r->ethertype == ETH_P_IP || r->ethertype == ETH_P_IPV6)
		json_string(j, "ethertype", ethertype_str(r->ethertype, buf));
	else
		json_uint(j, "ethertype", r->ethertype);
	json_proto(j, r->set & NVO_RULE_HAS_PROTO ? r->proto : 0);
	if (r->set & NVO_RULE_HAS_PORTS) {
		json_uint(j, "port_min", r->port_min);
		json_uint(j, "port_max", r->port_max);
	}
	if (r->set & NVO_RULE_HAS_ICMP_TYPE)
		json_uint(j, "icmp_type", r->icmp_type);
	if (r->set & NVO_RULE_HAS_ICMP_CODE)
		json_uint(j, "icmp_code", r->icmp_code);
	if (r->set & NVO_RULE_HAS_REMOTE)
		json_string(j, "remote",
			    prefix_str(&r->remote, r->prefix, buf));
	if (r->set & NVO_RULE_HAS_REMOTE_SG)
		sg_json(j, "remote_group", t, r->remote_sg);
	json_uint(j, "hits", info->hits);
	json_object_close(j);
}

/* ctx: the device's groups, for their names */
static void rule_item(struct json *j, const void *item, const void *ctx)
{
	const struct nvo_rule_info *info = item;

	if (j)
		rule_json(j, info, ctx);
	else
		rule_text(info, ctx);
}

/* "sg rule show [dev] DEV [GROUP]": groups first, for their names. */
static int rule_show(struct nvctl *c, int argc, char **argv)
{
	struct vec rules = VEC_INIT(struct nvo_rule_info);
	struct arg args[] = { { NULL } };
	struct group_ref g;
	struct sg_table t;
	const char *dev;
	bool has_group;
	uint16_t sg = 0;
	int err;

	err = parse_cmd_group(argc, argv, args, &dev, &g, &has_group);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = sg_table_load(c, &t);
	if (!err && has_group)
		err = sg_id(c, &t, &g, NULL, &sg);
	if (!err)
		err = load_rules(c, dev, has_group ? sg : -1, &rules);
	if (!err)
		print_table(c, &rules, rule_item, &t);
	vec_free(&rules);
	vec_free(&t.v);
	return err;
}

const struct cmd rule_cmds[] = {
	{ "add", rule_add },
	{ "del", rule_del },
	{ "show", rule_show },
	{ NULL, NULL },
};
