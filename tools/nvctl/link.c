// SPDX-License-Identifier: GPL-2.0-only
/* nvctl link add|set|del|show: nvo devices themselves, over rtnetlink. */
#include <stdio.h>

#include "nvctl.h"

/*
 * "NAME [local ADDR [local ADDR]] [encap vxlan|geneve] [dstport PORT]
 * [geneve-port PORT] [ttl N|inherit] [tos N|inherit] [udpcsum on|off]
 * [udp6zerocsumtx on|off] [udp6zerocsumrx on|off] [srcport MIN MAX]
 * [geneve-port-id on|off] [learning on|off] [ageing SECONDS]
 * [max-vnis N] [max-fdb N] [max-learned N] [up|down]",
 * the same for add and set: cfg->set tells what was given. "local" may be
 * given once per address family.
 */
static int link_parse(int argc, char **argv, struct nvo_link_cfg *cfg,
		      const char **name)
{
	struct nvo_addr local[2];
	struct u8_inherit ttl = { 0 }, tos = { 0 };
	uint16_t sport[2] = { 0, 0 };
	struct arg args[] = {
		{ .kw = "local", .type = ARG_ADDR, .dst = &local[0] },
		{ .kw = "local", .type = ARG_ADDR, .dst = &local[1] },
		{ .kw = "encap", .type = ARG_ENCAP, .dst = &cfg->encap },
		{ .kw = "dstport", .type = ARG_UDP_PORT, .dst = &cfg->dstport },
		{ .kw = "geneve-port", .type = ARG_UDP_PORT,
		  .dst = &cfg->geneve_port },
		{ .kw = "ttl", .type = ARG_U8_INHERIT, .dst = &ttl },
		{ .kw = "tos", .type = ARG_U8_INHERIT, .dst = &tos },
		{ .kw = "udpcsum", .type = ARG_ON_OFF, .dst = &cfg->udp_csum },
		{ .kw = "udp6zerocsumtx", .type = ARG_ON_OFF,
		  .dst = &cfg->udp6_zero_csum_tx },
		{ .kw = "udp6zerocsumrx", .type = ARG_ON_OFF,
		  .dst = &cfg->udp6_zero_csum_rx },
		{ .kw = "srcport", .type = ARG_PORT_RANGE, .dst = sport },
		{ .kw = "geneve-port-id", .type = ARG_ON_OFF,
		  .dst = &cfg->geneve_port_id },
		{ .kw = "learning", .type = ARG_ON_OFF, .dst = &cfg->learning },
		{ .kw = "ageing", .type = ARG_SECONDS, .dst = &cfg->ageing },
		{ .kw = "max-vnis", .type = ARG_U32, .dst = &cfg->max_vnis },
		{ .kw = "max-fdb", .type = ARG_U32, .dst = &cfg->max_fdb },
		{ .kw = "max-learned", .type = ARG_U32,
		  .dst = &cfg->max_learned },
		{ .kw = "gbp", .type = ARG_ON_OFF, .dst = &cfg->gbp },
		{ .kw = "max-conns", .type = ARG_U32, .dst = &cfg->max_conns },
		{ .kw = "up", .type = ARG_FLAG, .dst = &cfg->up, .flag = true,
		  .group = 1 },
		{ .kw = "down", .type = ARG_FLAG, .dst = &cfg->up, .flag = false,
		  .group = 1 },
		{ NULL },
	};
	/* The field of each argument above; local's depends on its family. */
	static const uint32_t fields[] = {
		0, 0, NVO_LINK_ENCAP, NVO_LINK_DSTPORT, NVO_LINK_GENEVE_PORT,
		NVO_LINK_TTL, NVO_LINK_TOS, NVO_LINK_UDP_CSUM,
		NVO_LINK_UDP6_ZERO_CSUM_TX, NVO_LINK_UDP6_ZERO_CSUM_RX,
		NVO_LINK_SPORT, NVO_LINK_GENEVE_PORT_ID, NVO_LINK_LEARNING,
		NVO_LINK_AGEING, NVO_LINK_MAX_VNIS, NVO_LINK_MAX_FDB,
		NVO_LINK_MAX_LEARNED, NVO_LINK_GBP, NVO_LINK_MAX_CONNS,
		NVO_LINK_UP, NVO_LINK_UP,
	};
	unsigned int i;
	int err;

	_Static_assert(sizeof(fields) / sizeof(fields[0]) ==
		       sizeof(args) / sizeof(args[0]) - 1,
		       "one field per argument");
	*cfg = (struct nvo_link_cfg){ 0 };
	err = parse_cmd(argc, argv, args, name);
	if (err)
		return err;
	for (i = 0; args[i].kw; i++)
		if (args[i].seen)
			cfg->set |= fields[i];
	for (i = 0; i < 2 && args[i].seen; i++) {
		uint32_t field = local[i].family == AF_INET ? NVO_LINK_LOCAL :
							       NVO_LINK_LOCAL6;

		if (cfg->set & field)
			return usage_error("\"local\" is given twice for %s",
					   field == NVO_LINK_LOCAL ? "IPv4" :
								     "IPv6");
		cfg->set |= field;
		if (field == NVO_LINK_LOCAL)
			cfg->local = local[i].v4;
		else
			cfg->local6 = local[i].v6;
	}
	cfg->ttl = ttl.val;
	cfg->ttl_inherit = ttl.inherit;
	cfg->tos = tos.val;
	cfg->tos_inherit = tos.inherit;
	cfg->sport_min = sport[0];
	cfg->sport_max = sport[1];
	return 0;
}

static int link_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	int err;

	err = link_parse(argc, argv, &cfg, &name);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_add(nvctl_nvo(c), name, &cfg));
}

static int link_set(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	int err;

	err = link_parse(argc, argv, &cfg, &name);
	if (err)
		return err;
	if (!cfg.set)
		return usage_error("nothing to change for \"%s\"", name);
	return nvctl_status(c, nvo_link_set(nvctl_nvo(c), name, &cfg));
}

static int link_del(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	const char *name;
	int err;

	err = parse_cmd(argc, argv, args, &name);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_del(nvctl_nvo(c), name));
}

static const char *on_off(bool on)
{
	return on ? "on" : "off";
}

/*
 * One line per link in the words of "link set", so that it can be given
 * back: every setting the kernel reported, in the order of the usage.
 */
static void link_text(const struct nvo_link_info *l)
{
	const struct nvo_link_cfg *k = &l->cfg;
	char name[IFNAME_STRLEN], addr[INET6_ADDRSTRLEN], encap[ENCAP_STRLEN];

	printf("%s:", ifname_str(l->ifname, name));
	if (k->set & NVO_LINK_LOCAL)
		printf(" local %s", ip4_str(k->local, addr));
	if (k->set & NVO_LINK_LOCAL6)
		printf(" local %s", ip6_str(&k->local6, addr));
	if (k->set & NVO_LINK_ENCAP)
		printf(" encap %s", encap_str(k->encap, encap));
	if (k->set & NVO_LINK_DSTPORT)
		printf(" dstport %u", k->dstport);
	if (k->set & NVO_LINK_GENEVE_PORT)
		printf(" geneve-port %u", k->geneve_port);
	if (k->set & NVO_LINK_TTL && k->ttl_inherit)
		printf(" ttl inherit");
	else if (k->set & NVO_LINK_TTL)
		printf(" ttl %u", k->ttl);
	if (k->set & NVO_LINK_TOS && k->tos_inherit)
		printf(" tos inherit");
	else if (k->set & NVO_LINK_TOS)
		printf(" tos %u", k->tos);
	if (k->set & NVO_LINK_UDP_CSUM)
		printf(" udpcsum %s", on_off(k->udp_csum));
	if (k->set & NVO_LINK_UDP6_ZERO_CSUM_TX)
		printf(" udp6zerocsumtx %s", on_off(k->udp6_zero_csum_tx));
	if (k->set & NVO_LINK_UDP6_ZERO_CSUM_RX)
		printf(" udp6zerocsumrx %s", on_off(k->udp6_zero_csum_rx));
	if (k->set & NVO_LINK_SPORT)
		printf(" srcport %u %u", k->sport_min, k->sport_max);
	if (k->set & NVO_LINK_GENEVE_PORT_ID)
		printf(" geneve-port-id %s", on_off(k->geneve_port_id));
	if (k->set & NVO_LINK_GBP)
		printf(" gbp %s", on_off(k->gbp));
	if (k->set & NVO_LINK_MAX_CONNS)
		printf(" max-conns %u", k->max_conns);
	if (k->set & NVO_LINK_LEARNING)
		printf(" learning %s", on_off(k->learning));
	if (k->set & NVO_LINK_AGEING)
		printf(" ageing %u", k->ageing);
	if (k->set & NVO_LINK_MAX_VNIS)
		printf(" max-vnis %u", k->max_vnis);
	if (k->set & NVO_LINK_MAX_FDB)
		printf(" max-fdb %u", k->max_fdb);
	if (k->set & NVO_LINK_MAX_LEARNED)
		printf(" max-learned %u", k->max_learned);
	printf(" %s\n", k->up ? "up" : "down");
}

static void json_u8_inherit(struct json *j, const char *key, uint8_t val,
			    bool inherit)
{
	if (inherit)
		json_string(j, key, "inherit");
	else
		json_uint(j, key, val);
}

static void link_json(struct json *j, const struct nvo_link_info *l)
{
	const struct nvo_link_cfg *k = &l->cfg;
	char addr[INET6_ADDRSTRLEN], encap[ENCAP_STRLEN];

	json_object_open(j, NULL);
	json_string(j, "ifname", l->ifname);
	if (k->set & NVO_LINK_LOCAL)
		json_string(j, "local", ip4_str(k->local, addr));
	if (k->set & NVO_LINK_LOCAL6)
		json_string(j, "local6", ip6_str(&k->local6, addr));
	if (k->set & NVO_LINK_DSTPORT)
		json_uint(j, "dstport", k->dstport);
	if (k->set & NVO_LINK_GENEVE_PORT)
		json_uint(j, "geneve_port", k->geneve_port);
	if (k->set & NVO_LINK_ENCAP)
		json_string(j, "encap", encap_str(k->encap, encap));
	if (k->set & NVO_LINK_TTL)
		json_u8_inherit(j, "ttl", k->ttl, k->ttl_inherit);
	if (k->set & NVO_LINK_TOS)
		json_u8_inherit(j, "tos", k->tos, k->tos_inherit);
	if (k->set & NVO_LINK_UDP_CSUM)
		json_bool(j, "udpcsum", k->udp_csum);
	if (k->set & NVO_LINK_UDP6_ZERO_CSUM_TX)
		json_bool(j, "udp6zerocsumtx", k->udp6_zero_csum_tx);
	if (k->set & NVO_LINK_UDP6_ZERO_CSUM_RX)
		json_bool(j, "udp6zerocsumrx", k->udp6_zero_csum_rx);
	if (k->set & NVO_LINK_SPORT) {
		json_array_open(j, "srcport");
		json_uint(j, NULL, k->sport_min);
		json_uint(j, NULL, k->sport_max);
		json_array_close(j);
	}
	if (k->set & NVO_LINK_GENEVE_PORT_ID)
		json_bool(j, "geneve_port_id", k->geneve_port_id);
	if (k->set & NVO_LINK_GBP)
		json_bool(j, "gbp", k->gbp);
	if (k->set & NVO_LINK_MAX_CONNS)
		json_uint(j, "max_conns", k->max_conns);
	if (k->set & NVO_LINK_LEARNING)
		json_bool(j, "learning", k->learning);
	if (k->set & NVO_LINK_AGEING)
		json_uint(j, "ageing", k->ageing);
	if (k->set & NVO_LINK_MAX_VNIS)
		json_uint(j, "max_vnis", k->max_vnis);
	if (k->set & NVO_LINK_MAX_FDB)
		json_uint(j, "max_fdb", k->max_fdb);
	if (k->set & NVO_LINK_MAX_LEARNED)
		json_uint(j, "max_learned", k->max_learned);
	json_bool(j, "up", k->up);
	json_object_close(j);
}

static void link_item(struct json *j, const void *item,
		      const void *ctx NVCTL_UNUSED)
{
	if (j)
		link_json(j, item);
	else
		link_text(item);
}

/* "link show [[dev] NAME]": every nvo link, or NAME. */
static int link_show(struct nvctl *c, int argc, char **argv)
{
	struct vec v = VEC_INIT(struct nvo_link_info);
	const char *name;
	int err;

	err = parse_opt_dev(argc, argv, &name);
	if (err)
		return err;
	err = load_links(c, name, &v);
	if (!err)
		print_table(c, &v, link_item, NULL);
	vec_free(&v);
	return err;
}

const struct cmd link_cmds[] = {
	{ "add", link_add },
	{ "set", link_set },
	{ "del", link_del },
	{ "show", link_show },
	{ NULL, NULL },
};
