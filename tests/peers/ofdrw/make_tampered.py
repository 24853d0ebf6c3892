#!/usr/bin/env python3
"""Forgeries of ofdrw's sealed sign-allprotected.ofd, repackaged with
Python's zipfile (not our code): each changes the package after sealing in
one way a forger would. Run from this folder; writes files/forged-*.ofd.
Deterministic (fixed timestamps), so the committed files are reproducible."""
import zipfile

SRC = 'files/sign-allprotected.ofd'
OTHER = 'files/sign-signedFile.ofd'
STAMP = (2020, 1, 1, 0, 0, 0)


def entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write(name, items):
    with zipfile.ZipFile('files/' + name, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in items:
            z.writestr(zipfile.ZipInfo(n, STAMP), data)


base = entries(SRC)
page = 'Doc_0/Pages/Page_0/Content.xml'

# The page's text changed after sealing.
write('forged-page-changed.ofd',
      [(n, d.replace(b'</ofd:Layer>', b'<ofd:TextObject ID="999" Boundary="10 10 80 10" Font="1" Size="5">'
                     b'<ofd:TextCode X="0" Y="5">forged</ofd:TextCode></ofd:TextObject></ofd:Layer>', 1)
        if n == page else d) for n, d in base])

# A second page added (its content and its entry in Document.xml): the
# Document.xml change is caught first.
doc = 'Doc_0/Document.xml'
write('forged-page-added.ofd',
      [(n, d.replace(b'</ofd:Pages>', b'<ofd:Page ID="99" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages>')
        if n == doc else d) for n, d in base] + [('Doc_0/Pages/Page_1/Content.xml', dict(base)[page])])

# A file added that no signature names (nothing else changed).
write('forged-file-added.ofd', base + [('Doc_0/Res/extra.png', b'\x89PNG\r\n\x1a\nforged')])

# A resource swapped for another document's (same path, other bytes).
other = dict(entries(OTHER))
res = 'Doc_0/PublicRes.xml'
write('forged-resource-swapped.ofd', [(n, other.get(n, d) if n == res else d) for n, d in base])

# The signed value (SES_Signature) taken from another sealed document.
sv = 'Doc_0/Signs/Sign_0/SignedValue.dat'
write('forged-signature-from-another.ofd', [(n, other[sv] if n == sv else d) for n, d in base])

# A referenced file removed.
write('forged-file-removed.ofd', [(n, d) for n, d in base if n != res])
