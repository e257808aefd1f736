// SPDX-License-Identifier: GPL-2.0
/*
 * A DHCPv4 server (RFC 2131) for ports with a binding: the VM's requests
 * are answered on its own host with the address and settings the
 * controller bound to its port, so that no DHCP server runs anywhere.
 * There is nothing to allocate and no lease to keep: the binding is the
 * lease, and an answer is a function of the request and the binding.
 */

#include <linux/ctype.h>
#include <linux/udp.h>
#include <net/ip.h>

#include "nvo.h"
#include "netlink.h"

#define DHCP_SERVER_PORT	67
#define DHCP_CLIENT_PORT	68
#define DHCP_MAGIC		0x63825363
#define DHCP_BROADCAST_FLAG	0x8000
/* Many clients want a BOOTP message of at least 300 bytes (RFC 1542). */
#define DHCP_MIN_LEN		300
/* The server identifier when the VNI has no router: link-local, never a
 * tenant's address.
 */
#define DHCP_FALLBACK_SERVER	htonl(0xa9fea9fe)	/* 169.254.169.254 */

enum {
	DHCPDISCOVER = 1, DHCPOFFER, DHCPREQUEST, DHCPDECLINE, DHCPACK,
	DHCPNAK, DHCPRELEASE, DHCPINFORM,
};

enum {
	OPT_PAD = 0, OPT_SUBNET = 1, OPT_ROUTER = 3, OPT_DNS = 6,
	OPT_DOMAIN = 15, OPT_MTU = 26, OPT_REQUESTED = 50, OPT_LEASE = 51,
	OPT_TYPE = 53, OPT_SERVER = 54, OPT_T1 = 58, OPT_T2 = 59,
	OPT_ROUTES = 121, OPT_END = 255,
};

struct dhcp_msg {
	u8 op, htype, hlen, hops;
	__be32 xid;
	__be16 secs, flags;
	__be32 ciaddr, yiaddr, siaddr, giaddr;
	u8 chaddr[16];
	u8 sname[64];
	u8 file[128];
	__be32 magic;
	u8 options[];
};

/* The longest answer: the fixed part and every option at its largest. */
#define DHCP_OPT_MAX	(3 + 6 + 6 + 6 + 6 + 6 + 6 + 2 + 4 * NVO_DHCP_DNS_MAX + \
			 2 + NVO_DHCP_DOMAIN_LEN + 4 +			   \
			 2 + 9 * (NVO_DHCP_ROUTES_MAX + 1) + 1)

struct nvo_dhcp {
	__be32 addr, mask, gw;
	u8 prefix, ndns, nroutes, domain_len;
	u16 mtu;			/* 0: not sent */
	u32 lease;
	__be32 dns[NVO_DHCP_DNS_MAX];
	char domain[NVO_DHCP_DOMAIN_LEN];
	struct nvo_dhcp_route routes[NVO_DHCP_ROUTES_MAX];
	struct rcu_head rcu;
};

/* What a request says beyond its fixed part. */
struct dhcp_req {
	u8 type;
	__be32 requested, server;
};

static bool dhcp_parse(const u8 *opt, const u8 *end, struct dhcp_req *req)
{
	while (opt < end && *opt != OPT_END) {
		if (*opt == OPT_PAD) {
			opt++;
			continue;
		}
		if (end - opt < 2 || end - opt < 2 + opt[1])
			return false;
		if (opt[0] == OPT_TYPE && opt[1] == 1)
			req->type = opt[2];
		else if (opt[0] == OPT_REQUESTED && opt[1] == 4)
			memcpy(&req->requested, opt + 2, 4);
		else if (opt[0] == OPT_SERVER && opt[1] == 4)
			memcpy(&req->server, opt + 2, 4);
		opt += 2 + opt[1];
	}
	return req->type;
}

static u8 *dhcp_opt(u8 *p, u8 code, const void *data, u8 len)
{
	p[0] = code;
	p[1] = len;
	memcpy(p + 2, data, len);
	return p + 2 + len;
}

static u8 *dhcp_opt32(u8 *p, u8 code, __be32 v)
{
	return dhcp_opt(p, code, &v, sizeof(v));
}

/* RFC 3442: prefix length, the significant bytes of the destination, the
 * router; the default route first when there is a gateway, as a client
 * that takes this option ignores the router option.
 */
static u8 *dhcp_routes(u8 *p, const struct nvo_dhcp *b)
{
	u8 *len = p + 1, *q = p + 2;
	unsigned int i, n;

	if (!b->nroutes)
		return p;
	*p = OPT_ROUTES;
	if (b->gw) {
		*q++ = 0;
		memcpy(q, &b->gw, 4);
		q += 4;
	}
	for (i = 0; i < b->nroutes; i++) {
		n = DIV_ROUND_UP(b->routes[i].prefix, 8);
		*q++ = b->routes[i].prefix;
		memcpy(q, &b->routes[i].dst, n);
		q += n;
		memcpy(q, &b->routes[i].gw, 4);
		q += 4;
	}
	*len = q - p - 2;
	return q;
}

/* @lease: not for an INFORM, whose client has its address already. */
static u8 *dhcp_options(u8 *p, const struct nvo_dhcp *b, u8 type,
			__be32 server, bool lease)
{
	p = dhcp_opt(p, OPT_TYPE, &type, 1);
	p = dhcp_opt32(p, OPT_SERVER, server);
	if (type == DHCPNAK)
		return p;
	if (lease) {
		p = dhcp_opt32(p, OPT_LEASE, htonl(b->lease));
		p = dhcp_opt32(p, OPT_T1, htonl(b->lease / 2));
		p = dhcp_opt32(p, OPT_T2, htonl(b->lease / 8 * 7));
	}
	p = dhcp_opt32(p, OPT_SUBNET, b->mask);
	if (b->gw)
		p = dhcp_opt32(p, OPT_ROUTER, b->gw);
	if (b->ndns)
		p = dhcp_opt(p, OPT_DNS, b->dns, b->ndns * 4);
	if (b->domain_len)
		p = dhcp_opt(p, OPT_DOMAIN, b->domain, b->domain_len);
	if (b->mtu) {
		__be16 mtu = htons(b->mtu);

		p = dhcp_opt(p, OPT_MTU, &mtu, 2);
	}
	return dhcp_routes(p, b);
}

/* The server is the VNI's router when it has one; never another of the
 * tenant's addresses (a gateway the binding names may be a VM), whose
 * ARP nvo would then have to answer.
 */
static __be32 dhcp_server(const struct nvo_port *in)
{
	const struct nvo_rif *rif = rcu_dereference(in->vni->rif);

	return rif && rif->has4 ? rif->ip4 : DHCP_FALLBACK_SERVER;
}

/* The MAC answers come from: the VNI's gateway, else the nvo device. */
static const u8 *dhcp_server_mac(const struct nvo_port *in)
{
	const struct nvo_rif *rif = rcu_dereference(in->vni->rif);

	return rif ? rif->mac : in->nvo->dev->dev_addr;
}

static void dhcp_answer(struct nvo_port *in, const struct nvo_dhcp *b,
			const struct dhcp_msg *req, u8 type)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct net_device *dev = in->dev;
	__be32 server = dhcp_server(in), daddr;
	unsigned int len, plen;
	struct dhcp_msg *msg;
	struct sk_buff *skb;
	struct ethhdr *eth;
	struct udphdr *uh;
	struct iphdr *iph;
	u8 *end;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + ETH_HLEN + sizeof(*iph) +
			sizeof(*uh) + sizeof(*msg) + DHCP_OPT_MAX +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb) {
		nvo_drop(in->nvo, in->vni, in, NULL, NVO_DROP_NOMEM);
		return;
	}
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + ETH_HLEN + sizeof(*iph) +
		    sizeof(*uh));
	msg = skb_put_zero(skb, sizeof(*msg) + DHCP_OPT_MAX);
	msg->op = 2;
	msg->htype = req->htype;
	msg->hlen = req->hlen;
	msg->xid = req->xid;
	msg->flags = req->flags;
	msg->giaddr = req->giaddr;
	memcpy(msg->chaddr, req->chaddr, sizeof(msg->chaddr));
	msg->magic = htonl(DHCP_MAGIC);
	if (type == DHCPINFORM) {
		msg->ciaddr = req->ciaddr;
		end = dhcp_options(msg->options, b, DHCPACK, server, false);
	} else {
		if (type != DHCPNAK)
			msg->yiaddr = b->addr;
		end = dhcp_options(msg->options, b, type, server, true);
	}
	*end++ = OPT_END;
	plen = max_t(unsigned int, end - (u8 *)msg, DHCP_MIN_LEN);
	skb_trim(skb, plen);

	/* RFC 2131 4.1: broadcast when the client asks or cannot yet take
	 * unicast; to its address when it has one (an INFORM without
	 * ciaddr has none to be given).
	 */
	if (type == DHCPNAK || (ntohs(req->flags) & DHCP_BROADCAST_FLAG))
		daddr = htonl(INADDR_BROADCAST);
	else if (req->ciaddr)
		daddr = req->ciaddr;
	else if (msg->yiaddr)
		daddr = msg->yiaddr;
	else
		daddr = htonl(INADDR_BROADCAST);

	len = sizeof(*uh) + plen;
	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = htons(DHCP_SERVER_PORT);
	uh->dest = htons(DHCP_CLIENT_PORT);
	uh->len = htons(len);
	uh->check = 0;
	uh->check = csum_tcpudp_magic(server, daddr, len, IPPROTO_UDP,
				      csum_partial(uh, len, 0)) ?: CSUM_MANGLED_0;
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(*iph) + len);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = server;
	iph->daddr = daddr;
	ip_send_check(iph);
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, daddr == htonl(INADDR_BROADCAST) ?
				     bcast : req->chaddr);
	ether_addr_copy(eth->h_source, dhcp_server_mac(in));
	eth->h_proto = htons(ETH_P_IP);
	skb->protocol = htons(ETH_P_IP);
	skb->dev = dev;
	nvo_dhcp_counted(in);
	nvo_port_deliver(in, skb);
}

/* An IPv4 frame of port @in, which has a binding: true if it was a DHCP
 * request, answered or dropped here.
 */
bool nvo_dhcp_rx(struct nvo_port *in, struct sk_buff *skb)
{
	const unsigned int off = ETH_HLEN + sizeof(struct iphdr);
	const struct nvo_dhcp *b = rcu_dereference(in->dhcp);
	struct dhcp_req r = {};
	const struct dhcp_msg *req;
	const struct udphdr *uh;
	const struct iphdr *iph;
	unsigned int len;
	u8 type;

	if (!b || !pskb_may_pull(skb, off + sizeof(*uh)))
		return false;
	iph = (const struct iphdr *)(skb->data + ETH_HLEN);
	uh = (const struct udphdr *)(iph + 1);
	if (iph->version != 4 || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_UDP || ip_is_fragment(iph) ||
	    uh->dest != htons(DHCP_SERVER_PORT))
		return false;
	/* From here on, it is for nvo's server: what cannot be read goes.
	 * The pull below may move the frame: only skb->data stays valid.
	 */
	len = ntohs(uh->len);
	if (len < sizeof(*uh) + sizeof(*req) ||
	    skb->len < off + len || !pskb_may_pull(skb, off + len))
		goto bad;
	req = (const struct dhcp_msg *)(skb->data + off + sizeof(*uh));
	if (req->op != 1 || req->htype != 1 || req->hlen != ETH_ALEN ||
	    req->magic != htonl(DHCP_MAGIC) ||
	    !dhcp_parse(req->options, skb->data + off + len, &r))
		goto bad;

	switch (r.type) {
	case DHCPDISCOVER:
		type = DHCPOFFER;
		break;
	case DHCPREQUEST:
		/* Selecting another server's offer: not for us to answer. */
		if (r.server && r.server != dhcp_server(in))
			goto taken;
		type = (r.requested ?: req->ciaddr) == b->addr ? DHCPACK :
								  DHCPNAK;
		break;
	case DHCPINFORM:
		type = DHCPINFORM;
		break;
	case DHCPDECLINE:
	case DHCPRELEASE:
		goto taken;
	default:
		goto bad;
	}
	dhcp_answer(in, b, req, type);
taken:
	consume_skb(skb);
	return true;
bad:
	nvo_drop(in->nvo, in->vni, in, skb, NVO_DROP_DHCP_BAD);
	return true;
}

/* ARP for the server identifier of a port's binding: the address its VM
 * renews its lease with. NULL if @ip is not it.
 */
const u8 *nvo_dhcp_server_mac(const struct nvo_port *in, __be32 ip)
{
	const struct nvo_dhcp *b = rcu_dereference(in->dhcp);

	return b && ip == dhcp_server(in) ? dhcp_server_mac(in) : NULL;
}

static bool dhcp_host(__be32 ip, __be32 mask)
{
	return !ipv4_is_zeronet(ip) && !ipv4_is_multicast(ip) &&
	       !ipv4_is_lbcast(ip) && !ipv4_is_loopback(ip) &&
	       (ip & ~mask) && (ip | mask) != htonl(INADDR_BROADCAST);
}

/* The nest's attributes into @b; an error names the one at fault. */
static int dhcp_nl_parse(const struct nlattr *nest, struct nlattr **tb,
			 struct nvo_dhcp *b, struct netlink_ext_ack *extack)
{
	const struct nvo_dhcp_route *rt;
	unsigned int i, n;

	if (!tb[NVO_DHCP_ADDR]) {
		NL_SET_ERR_MSG(extack, "a DHCP binding needs an address");
		NL_SET_ERR_ATTR_MISS(extack, nest, NVO_DHCP_ADDR);
		return -EINVAL;
	}
	b->addr = nla_get_in_addr(tb[NVO_DHCP_ADDR]);
	b->prefix = tb[NVO_DHCP_PREFIX] ? nla_get_u8(tb[NVO_DHCP_PREFIX]) : 24;
	b->mask = inet_make_mask(b->prefix);
	if (!dhcp_host(b->addr, b->mask)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_ADDR],
				    "the address must be a host address of its prefix");
		return -EINVAL;
	}
	if (tb[NVO_DHCP_GW]) {
		b->gw = nla_get_in_addr(tb[NVO_DHCP_GW]);
		if (!dhcp_host(b->gw, b->mask) || b->gw == b->addr ||
		    (b->gw ^ b->addr) & b->mask) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_GW],
					    "the gateway must be another host of the address's subnet");
			return -EINVAL;
		}
	}
	if (tb[NVO_DHCP_DNS]) {
		n = nla_len(tb[NVO_DHCP_DNS]);
		if (!n || n % 4 || n / 4 > NVO_DHCP_DNS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_DNS],
					    "1 to 4 DNS server addresses");
			return -EINVAL;
		}
		b->ndns = n / 4;
		memcpy(b->dns, nla_data(tb[NVO_DHCP_DNS]), n);
	}
	if (tb[NVO_DHCP_DOMAIN]) {
		/* The policy keeps it under sizeof(b->domain). */
		b->domain_len = max_t(ssize_t, 0,
				      nla_strscpy(b->domain, tb[NVO_DHCP_DOMAIN],
						  sizeof(b->domain)));
		/* ASCII only: the kernel's isalnum() takes Latin-1 letters. */
		for (i = 0; i < b->domain_len; i++)
			if (!isascii(b->domain[i]) ||
			    (!isalnum(b->domain[i]) && b->domain[i] != '-' &&
			     b->domain[i] != '.'))
				break;
		if (!b->domain_len || i < b->domain_len) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_DOMAIN],
					    "a domain name: letters, digits, '-' and '.'");
			return -EINVAL;
		}
	}
	if (tb[NVO_DHCP_MTU])
		b->mtu = nla_get_u16(tb[NVO_DHCP_MTU]);
	b->lease = tb[NVO_DHCP_LEASE] ? nla_get_u32(tb[NVO_DHCP_LEASE]) :
					NVO_DHCP_DEFAULT_LEASE;
	if (!tb[NVO_DHCP_ROUTES])
		return 0;
	n = nla_len(tb[NVO_DHCP_ROUTES]);
	if (!n || n % sizeof(*rt) || n / sizeof(*rt) > NVO_DHCP_ROUTES_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_ROUTES],
				    "1 to 16 routes of struct nvo_dhcp_route");
		return -EINVAL;
	}
	rt = nla_data(tb[NVO_DHCP_ROUTES]);
	for (i = 0; i < n / sizeof(*rt); i++) {
		if (rt[i].prefix > 32 || rt[i].pad[0] || rt[i].pad[1] ||
		    rt[i].pad[2] || ipv4_is_zeronet(rt[i].gw) ||
		    ipv4_is_multicast(rt[i].gw) || ipv4_is_lbcast(rt[i].gw) ||
		    ipv4_is_loopback(rt[i].gw) ||
		    (rt[i].dst & ~inet_make_mask(rt[i].prefix))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NVO_DHCP_ROUTES],
					    "a route: prefix length up to 32, host bits zero, a gateway");
			return -EINVAL;
		}
		b->routes[i] = rt[i];
	}
	b->nroutes = i;
	return 0;
}

/* The binding a NVO_CMD_PORT_SET gives: *@bp is the new one (NULL: none)
 * and @given whether the request had NVO_A_DHCP at all.
 */
int nvo_dhcp_prepare(struct genl_info *info, struct nvo_dhcp **bp,
		     bool *given)
{
	struct nlattr *attr = info->attrs[NVO_A_DHCP];
	struct nlattr *tb[NVO_DHCP_MAX + 1];
	struct nvo_dhcp *b;
	int err;

	*bp = NULL;
	*given = attr;
	if (!attr || !nla_len(attr))
		return 0;
	err = nla_parse_nested(tb, NVO_DHCP_MAX, attr, nvo_dhcp_policy,
			       info->extack);
	if (err)
		return err;
	b = kzalloc(sizeof(*b), GFP_KERNEL_ACCOUNT);
	if (!b)
		return -ENOMEM;
	err = dhcp_nl_parse(attr, tb, b, info->extack);
	if (err) {
		kfree(b);
		return err;
	}
	*bp = b;
	return 0;
}

void nvo_dhcp_commit(struct nvo_port *port, struct nvo_dhcp *b)
{
	b = rcu_replace_pointer(port->dhcp, b, lockdep_rtnl_is_held());
	if (b)
		kfree_rcu(b, rcu);
}

/* A port's binding goes with the port, a grace period later. */
void nvo_dhcp_free(struct nvo_port *port)
{
	kfree(rcu_access_pointer(port->dhcp));
}

int nvo_dhcp_fill(struct sk_buff *msg, const struct nvo_port *port)
{
	const struct nvo_dhcp *b = rcu_dereference_rtnl(port->dhcp);
	struct nlattr *nest;

	if (!b)
		return 0;
	nest = nla_nest_start(msg, NVO_A_DHCP);
	if (!nest ||
	    nla_put_in_addr(msg, NVO_DHCP_ADDR, b->addr) ||
	    nla_put_u8(msg, NVO_DHCP_PREFIX, b->prefix) ||
	    (b->gw && nla_put_in_addr(msg, NVO_DHCP_GW, b->gw)) ||
	    (b->ndns && nla_put(msg, NVO_DHCP_DNS, b->ndns * 4, b->dns)) ||
	    (b->domain_len && nla_put_string(msg, NVO_DHCP_DOMAIN, b->domain)) ||
	    (b->mtu && nla_put_u16(msg, NVO_DHCP_MTU, b->mtu)) ||
	    nla_put_u32(msg, NVO_DHCP_LEASE, b->lease) ||
	    (b->nroutes && nla_put(msg, NVO_DHCP_ROUTES,
				   b->nroutes * sizeof(b->routes[0]),
				   b->routes)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}
