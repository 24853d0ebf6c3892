#!/usr/bin/env python3
"""OFD certificates for the corpus, made without any of our code: the
package by Python's zipfile, timestamp tokens by `openssl ts`, the XML by hand here, the GB/T 38540 (v4) and
GM/T 0031 (v1) seal structures by the small DER writer below, SM3 by
Python's hashlib, SM2 signatures by sm-crypto from npm (sm2_sign.mjs), keys
and certificates read with the openssl command line from tests/corpus/keys.

    make_ofd.py KEYS_DIR OUT_DIR [NAME]

Writes OUT_DIR/*ofd*.ofd (only NAME when given). Signatures are randomised,
so the bytes change on every run; the expectations do not."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile

KEYS, OUT = sys.argv[1], sys.argv[2]
ONLY = sys.argv[3] if len(sys.argv) > 3 else None
HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2025, 6, 1, 10, 0, 0)
OFD_NS = 'http://www.ofdspec.org/2016'
SM2_SM3 = '1.2.156.10197.1.501'
SM3_OID = '1.2.156.10197.1.401'

# --- DER, by hand -----------------------------------------------------------


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + body


def seq(*items):
    return tlv(0x30, b''.join(items))


def integer(n):
    b = n.to_bytes(max(1, (n.bit_length() + 8) // 8), 'big')
    return tlv(0x02, b)


def ia5(s):
    return tlv(0x16, s.encode('ascii'))


def utf8(s):
    return tlv(0x0C, s.encode('utf-8'))


def printable(s):
    return tlv(0x13, s.encode('ascii'))


def octets(b):
    return tlv(0x04, b)


def bits(b):
    return tlv(0x03, b'\x00' + b)


def oid(dotted):
    parts = [int(p) for p in dotted.split('.')]
    out = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.insert(0, 0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(chunk)
    return tlv(0x06, out)


def gentime(s):  # 'YYYYMMDDHHMMSS' UTC
    return tlv(0x18, (s + 'Z').encode())


def utctime(s):
    return tlv(0x17, (s[2:] + 'Z').encode())


# --- keys, certificates, signatures (openssl CLI, sm-crypto) ---------------


def cert_der(stem):
    return subprocess.run(['openssl', 'x509', '-in', f'{KEYS}/{stem}.pem', '-outform', 'DER'],
                          check=True, capture_output=True).stdout


def private_hex(stem):
    text = subprocess.run(['openssl', 'pkey', '-in', f'{KEYS}/{stem}.key', '-noout', '-text'],
                          check=True, capture_output=True, text=True).stdout
    lines = text.split('priv:')[1].split('pub:')[0]
    h = ''.join(c for c in lines if c in '0123456789abcdef')
    return h[-64:].rjust(64, '0')


def sm2_sign(stem, message):
    job = json.dumps([{'key': private_hex(stem), 'message': message.hex()}])
    out = subprocess.run(['node', f'{HERE}/sm2_sign.mjs'], input=job, check=True, capture_output=True,
                         text=True).stdout
    return bytes.fromhex(json.loads(out)[0])


def der_integers(sig):
    """r and s of a DER SEQUENCE { INTEGER, INTEGER }."""
    assert sig[0] == 0x30
    i = 2
    vals = []
    for _ in range(2):
        assert sig[i] == 0x02
        n = sig[i + 1]
        vals.append(sig[i + 2:i + 2 + n])
        i += 2 + n
    return vals


def non_minimal(sig):
    """The same signature with a superfluous 0x00 before each INTEGER's value
    (as some producers write; not DER)."""
    r, s = der_integers(sig)
    return seq(tlv(0x02, b'\x00' + r), tlv(0x02, b'\x00' + s))


def raw_rs(sig):
    r, s = der_integers(sig)
    return int.from_bytes(r, 'big').to_bytes(32, 'big') + int.from_bytes(s, 'big').to_bytes(32, 'big')


def sm3(b):
    return hashlib.new('sm3', b).digest()


def der_items(b):
    """The TLVs of a DER body, as (tag, whole, content)."""
    out, i = [], 0
    while i < len(b):
        tag, n = b[i], b[i + 1]
        head = 2
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(b[i + 2:i + 2 + k], 'big')
            head = 2 + k
        out.append((tag, b[i:i + head + n], b[i + head:i + head + n]))
        i += head + n
    return out


def issuer_and_serial(cert):
    """IssuerAndSerialNumber of a DER certificate: its issuer Name and serial."""
    tbs = der_items(der_items(cert)[0][2])[0][2]
    fields = der_items(tbs)
    if fields[0][0] == 0xA0:  # [0] version
        fields = fields[1:]
    serial, _alg, issuer = fields[0][1], fields[1], fields[2][1]
    return seq(issuer, serial)


GMT_SIGNED_DATA = '1.2.156.10197.6.1.4.2.2'
GMT_DATA = '1.2.156.10197.6.1.4.2.1'
SM2_SIGN = '1.2.156.10197.1.301.1'


def gbt35275(stem, covered, when='20250601020000', cms_digest=False, content=None, mangle=None):
    """GB/T 35275 SignedData as OFD signers (Type="Sign") write it: GM/T
    OIDs, the covered bytes' SM3 as the content, signed attributes
    (contentType, messageDigest = that SM3, signingTime), one certificate."""
    cert = cert_der(stem)
    digest = content if content is not None else sm3(covered)
    # messageDigest: the covered bytes' SM3 (as ofdrw checks it), or, as CMS
    # has it, the SM3 of the content (itself that SM3).
    attrs = sorted([
        seq(oid('1.2.840.113549.1.9.3'), tlv(0x31, oid(GMT_DATA))),
        seq(oid('1.2.840.113549.1.9.4'), tlv(0x31, octets(sm3(digest) if cms_digest else digest))),
        seq(oid('1.2.840.113549.1.9.5'), tlv(0x31, utctime(when))),
    ])
    signature = sm2_sign(stem, tlv(0x31, b''.join(attrs)))
    if mangle:
        signature = mangle(signature)
    signer = seq(integer(1), issuer_and_serial(cert), seq(oid(SM3_OID)), tlv(0xA0, b''.join(attrs)), seq(oid(SM2_SIGN)),
                 octets(signature))
    signed = seq(integer(1), tlv(0x31, seq(oid(SM3_OID))), seq(oid(GMT_DATA), tlv(0xA0, octets(digest))),
                 tlv(0xA0, cert), tlv(0x31, signer))
    return seq(oid(GMT_SIGNED_DATA), tlv(0xA0, signed))


# --- seal structures -------------------------------------------------------

def seal_png(size=120):
    """A red ring with a star in it, as seals look: a PNG written here
    (zlib, struct), not by any imaging library."""
    import struct
    import zlib
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            r = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            ring = size * 0.40 <= r <= size * 0.48
            star = abs(x - c) + abs(y - c) * 0.6 < size * 0.12
            row += bytes([200, 16, 16, 255]) if ring or star else bytes(4)
        rows.append(bytes(row))
    raw = zlib.compress(b''.join(rows), 9)

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) +
            chunk(b'IDAT', raw) + chunk(b'IEND', b''))


PNG = seal_png()


def seal_info(version, name, signer_certs, start, end, created, cert_list_type=1):
    header = seq(ia5('ES'), integer(version), ia5('sealcheck-corpus'))
    if version == 4:
        if cert_list_type == 1:
            certs = seq(*[octets(c) for c in signer_certs])
        else:
            certs = seq(*[seq(printable('SM3'), octets(sm3(c))) for c in signer_certs])
        prop = seq(integer(1), utf8(name), integer(cert_list_type), certs, gentime(created), gentime(start),
                   gentime(end))
    else:
        prop = seq(integer(1), utf8(name), seq(*[octets(c) for c in signer_certs]), utctime(created),
                   utctime(start), utctime(end))
    picture = seq(ia5('PNG'), octets(PNG), integer(40), integer(40))
    return seq(header, ia5('TEST-OFD-SEAL-0001'), prop, picture)


def make_seal(version, maker, signer_certs, start='20250101000000', end='20301231000000', created=None,
              cert_list_type=1):
    info = seal_info(version, 'TEST 专用章 OFD corpus seal', signer_certs, start, end, created or start,
                     cert_list_type)
    maker_cert = cert_der(maker)
    if version == 4:  # the maker signs the seal info alone
        return seq(info, octets(maker_cert), oid(SM2_SM3), bits(sm2_sign(maker, info)))
    # v1: the maker signs SEQUENCE { info, cert, algorithm }
    signed = seq(info, octets(maker_cert), oid(SM2_SM3))
    return seq(info, seq(octets(maker_cert), oid(SM2_SM3), bits(sm2_sign(maker, signed))))


def timestamp_token(data, when='2025-06-01 02:05:00'):
    """An RFC 3161 token over `data` from the corpus TSA, by `openssl ts`
    under faketime (as tests/corpus/generate.sh makes them)."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        open(f'{d}/data', 'wb').write(data)
        open(f'{d}/serial', 'w').write('01\n')
        subprocess.run(['openssl', 'ts', '-query', '-data', f'{d}/data', '-sha256', '-cert', '-no_nonce',
                        '-out', f'{d}/req.tsq'], check=True, capture_output=True)
        subprocess.run(['faketime', when, 'openssl', 'ts', '-reply', '-config', f'{KEYS}/tsa.cnf', '-queryfile',
                        f'{d}/req.tsq', '-signer', f'{KEYS}/tsa.pem', '-inkey', f'{KEYS}/tsa.key', '-token_out',
                        '-out', f'{d}/token.der'], check=True, capture_output=True,
                       env={**os.environ, 'TSA_SERIAL': f'{d}/serial'})
        return open(f'{d}/token.der', 'rb').read()


def make_signature(version, eseal, signer, data_hash, prop, when='20250601020000', mangle=None, stamp=False):
    signer_cert = cert_der(signer)
    if version == 4:
        tbs = seq(integer(4), eseal, gentime(when), bits(data_hash), ia5(prop))
        sig = sm2_sign(signer, tbs)
        if mangle:
            sig = mangle(sig)
        # timeStamp [0] IMPLICIT BIT STRING: a token over the signature value.
        # ('other': a token over some other signature's value.)
        stamped = b'another signature value' if stamp == 'other' else sig
        extra = tlv(0x80, b'\x00' + timestamp_token(stamped)) if stamp else b''
        return seq(tbs, octets(signer_cert), oid(SM2_SM3), bits(sig), extra)
    t = when
    text = f'{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}.000Z'.encode()
    tbs = seq(integer(1), eseal, bits(text), bits(data_hash), ia5(prop), octets(signer_cert), oid(SM2_SM3))
    sig = sm2_sign(signer, tbs)
    if mangle:
        sig = mangle(sig)
    return seq(tbs, bits(sig))


# --- the OFD package ---------------------------------------------------------


def x(s):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + s).encode('utf-8')


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


ROWS = [
    ('姓名', '林测试'), ('性别', '女'), ('证件类型', '居民身份证'), ('证件号码', '3501**********0053'),
    ('资格名称', '拍卖师'), ('批准日期', '2023年03月16日'), ('签发日期', '2023年04月20日'),
    ('管理号', 'OFD-M-0001'), ('证书编号', 'OFD-2023-0001'), ('发证机关', '中国拍卖行业协会（测试 TEST）'),
]
ANNOTATION = ['使用场景：本人调用', '加注有效期：2025年05月25日 至 2025年08月22日']


def text_object(oid_, x_mm, y_mm, size, text):
    deltas = ' '.join(str(size if ord(c) >= 0x2E80 else size / 2) for c in text[:-1])
    w = sum(size if ord(c) >= 0x2E80 else size / 2 for c in text) + 1
    return (f'<ofd:TextObject ID="{oid_}" Boundary="{x_mm} {y_mm} {w:.2f} {size * 1.5}" Font="2" Size="{size}">'
            f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{size}" DeltaX="{deltas}">{esc(text)}'
            f'</ofd:TextCode></ofd:TextObject>')


def page_content(rows=ROWS, annotation=ANNOTATION):
    objs = [text_object(10, 55, 30, 7, '专业技术人员职业资格证书')]
    n = 11
    y = 55
    for label, value in rows:
        objs.append(text_object(n, 30, y, 4.5, label))
        objs.append(text_object(n + 1, 70, y, 4.5, value))
        n += 2
        y += 11
    y += 8
    for line in annotation:
        objs.append(text_object(n, 30, y, 4, line))
        n += 1
        y += 9
    return x(f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="9">' + ''.join(objs) +
             '</ofd:Layer></ofd:Content></ofd:Page>')


def base_package(pages=1):
    files = {
        'OFD.xml': x(f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                     '<ofd:DocID>7d1f0c8e2b6a4f39a0e4c5b1d2f3a4b5</ofd:DocID><ofd:CreationDate>2025-06-01'
                     '</ofd:CreationDate><ofd:Creator>make_ofd.py</ofd:Creator></ofd:DocInfo>'
                     '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                     '<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>'),
        'Doc_0/Document.xml': x(
            f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>'
            '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
            '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>' +
            ''.join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(pages)) +
            '</ofd:Pages></ofd:Document>'),
        'Doc_0/PublicRes.xml': x(f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                                 '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'),
        'Doc_0/Pages/Page_0/Content.xml': page_content(),
    }
    return files


def with_attachment(files, holder='林测试'):
    """The certificate's data block as an OFD attachment (the same fields
    as the page, or another holder), written as JSON by hand here."""
    data = json.dumps({'format': 'sealcheck-certificate/1', 'certificate': {
        'number': 'OFD-2023-0001', 'management_number': 'OFD-M-0001', 'holder': holder, 'gender': '女',
        'id_type': '居民身份证', 'id_number': '3501**********0053', 'qualification': '拍卖师', 'level': '',
        'specialty': '', 'approval_date': '2023-03-16', 'issue_date': '2023-04-20',
        'issuing_body': '中国拍卖行业协会（测试 TEST）'},
        'annotation': {'scenario': '本人调用', 'not_before': '2025-05-25', 'not_after': '2025-08-22',
                       'applied_on': '2025-05-25'}}, ensure_ascii=False).encode()
    files['Doc_0/Document.xml'] = files['Doc_0/Document.xml'].replace(
        b'</ofd:Pages>', b'</ofd:Pages><ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>')
    files['Doc_0/Attachs/Attachments.xml'] = x(
        f'<ofd:Attachments xmlns:ofd="{OFD_NS}"><ofd:Attachment ID="90" Name="sealcheck-certificate" Format="json">'
        '<ofd:FileLoc>data.json</ofd:FileLoc></ofd:Attachment></ofd:Attachments>')
    files['Doc_0/Attachs/data.json'] = data
    return files


def signatures_xml(count, sign_type='Seal'):
    items = ''.join(f'<ofd:Signature ID="s{i + 1}" Type="{sign_type}" BaseLoc="/Doc_0/Signs/Sign_{i}/Signature.xml"/>'
                    for i in range(count))
    return x(f'<ofd:Signatures xmlns:ofd="{OFD_NS}"><ofd:MaxSignId>s{count}</ofd:MaxSignId>{items}'
             '</ofd:Signatures>')


def add_signature(files, index, version=4, maker='seal-maker', signer='sm2-seal', seal=None, mangle=None,
                  when='20250601020000', sign_type='Seal', sign_options=None, stamp=False):
    """Seals the package as it is: Seal.esl, then Signature.xml naming every
    file but the signature list (and this signature's own two), then the
    SES_Signature over Signature.xml's bytes."""
    d = f'Doc_0/Signs/Sign_{index}'
    files['Doc_0/Signs/Signatures.xml'] = signatures_xml(index + 1, sign_type)
    eseal = seal if seal is not None else make_seal(version, maker, [cert_der(signer)])
    if sign_type == 'Seal':
        files[f'{d}/Seal.esl'] = eseal
    refs = ''.join(f'<ofd:Reference FileRef="/{name}"><ofd:CheckValue>{base64.b64encode(sm3(data)).decode()}'
                   '</ofd:CheckValue></ofd:Reference>'
                   for name, data in sorted(files.items()) if name != 'Doc_0/Signs/Signatures.xml')
    t = when
    signature = x(
        f'<ofd:Signature xmlns:ofd="{OFD_NS}"><ofd:SignedInfo>'
        '<ofd:Provider ProviderName="make_ofd.py" Company="sealcheck corpus" Version="1"/>'
        f'<ofd:SignatureMethod>{SM2_SM3}</ofd:SignatureMethod>'
        f'<ofd:SignatureDateTime>{t}Z</ofd:SignatureDateTime>'
        f'<ofd:References CheckMethod="{SM3_OID}">{refs}</ofd:References>'
        f'<ofd:StampAnnot ID="a{index + 1}" PageRef="1" Boundary="{140 - 45 * index} 225 40 40"/>'
        + (f'<ofd:Seal><ofd:BaseLoc>/{d}/Seal.esl</ofd:BaseLoc></ofd:Seal>' if sign_type == 'Seal' else '') +
        f'</ofd:SignedInfo><ofd:SignedValue>/{d}/SignedValue.dat</ofd:SignedValue></ofd:Signature>')
    files[f'{d}/Signature.xml'] = signature
    if sign_type == 'Sign':
        files[f'{d}/SignedValue.dat'] = gbt35275(signer, signature, when, **(sign_options or {}))
    else:
        files[f'{d}/SignedValue.dat'] = make_signature(version, eseal, signer, sm3(signature),
                                                       f'/{d}/Signature.xml', when, mangle, stamp)
    return files


def write(name, files):
    if ONLY and ONLY != name:
        return
    with zipfile.ZipFile(os.path.join(OUT, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(zipfile.ZipInfo(n, STAMP), data)
    print(f'  {name} (OFD: zipfile, sm-crypto)')


def sealed(**kw):
    return add_signature(base_package(), 0, **kw)


genuine = sealed()
write('genuine-ofd.ofd', genuine)
write('genuine-ofd-gmt0031-v1.ofd', sealed(version=1))
write('genuine-ofd-signature-not-minimal-der.ofd', sealed(mangle=non_minimal))
write('genuine-ofd-signature-raw-rs.ofd', sealed(mangle=raw_rs))
write('genuine-ofd-cert-list-digests.ofd',
      sealed(seal=make_seal(4, 'seal-maker', [cert_der('sm2-seal')], cert_list_type=2)))
write('genuine-ofd-sealed-twice.ofd', add_signature(dict(sealed()), 1))
write('genuine-ofd-type-sign-gbt35275.ofd', sealed(sign_type='Sign'))
# The SES timeStamp: a token by openssl ts over the signature value.
write('genuine-ofd-timestamped.ofd', sealed(stamp=True))
write('ofd-timestamp-of-another-signature.ofd', sealed(stamp='other'))
# The data block attached (Name "sealcheck-certificate", Format "json"):
# agreeing with the page, and naming another holder than the page.
write('genuine-ofd-page-and-attachment.ofd', add_signature(with_attachment(base_package()), 0))
write('ofd-attachment-conflicts-with-page.ofd', add_signature(with_attachment(base_package(), '王冲突'), 0))
write('genuine-ofd-type-sign-cms-digest.ofd', sealed(sign_type='Sign', sign_options={'cms_digest': True}))
write('genuine-ofd-type-sign-not-minimal-der.ofd', sealed(sign_type='Sign', sign_options={'mangle': non_minimal}))
# Type="Sign" whose content (and messageDigest) is another Signature.xml's SM3.
write('ofd-type-sign-content-of-another.ofd',
      sealed(sign_type='Sign', sign_options={'content': hashlib.new('sm3', b'another Signature.xml').digest()}))

# Forgeries after sealing, each one change.
f = dict(genuine)
f['Doc_0/Pages/Page_0/Content.xml'] = page_content([(k, '王伪造' if k == '姓名' else v) for k, v in ROWS])
write('ofd-page-changed.ofd', f)
f = dict(genuine)
f['Doc_0/Document.xml'] = base_package(2)['Doc_0/Document.xml']
f['Doc_0/Pages/Page_1/Content.xml'] = page_content()
write('ofd-page-added.ofd', f)
f = dict(genuine)
f['Doc_0/Res/logo.png'] = PNG
write('ofd-file-added.ofd', f)
f = dict(genuine)
f['Doc_0/PublicRes.xml'] = f['Doc_0/PublicRes.xml'].replace('宋体'.encode(), '黑体'.encode())
write('ofd-resource-swapped.ofd', f)
other = sealed(version=1)
f = dict(genuine)
f['Doc_0/Signs/Sign_0/SignedValue.dat'] = other['Doc_0/Signs/Sign_0/SignedValue.dat']
write('ofd-signature-from-another.ofd', f)

# Seals that were not good when used.
write('ofd-seal-expired.ofd',
      sealed(seal=make_seal(4, 'seal-maker', [cert_der('sm2-seal')], start='20200101000000', end='20221231000000')))
write('ofd-signer-not-in-seal.ofd', sealed(seal=make_seal(4, 'seal-maker', [cert_der('sm2-other')])))

# A seal maker's certificate (maker-2024: 2024 only) judged when it made the
# seal: a seal made in 2024 stays good after the maker's certificate
# expired; one made in 2025 never was.
write('genuine-ofd-maker-certificate-expired-since.ofd',
      sealed(seal=make_seal(4, 'maker-2024', [cert_der('sm2-seal')], start='20240601000000', end='20301231000000')))
write('ofd-maker-certificate-expired-when-made.ofd',
      sealed(seal=make_seal(4, 'maker-2024', [cert_der('sm2-seal')], start='20250301000000', end='20301231000000')))
# A seal whose createDate is after the signature that uses it.
write('ofd-seal-made-after-use.ofd',
      sealed(seal=make_seal(4, 'seal-maker', [cert_der('sm2-seal')], start='20250101000000', end='20301231000000',
                            created='20250701000000')))
