// What the page's preview draws of an OFD page (the page has no OFD viewer
// of its own): the same glyphs the label reader places (ofd/page_text.h),
// the images of ImageObjects at their boundaries, and each signature's
// stamp picture (the seal's SES picture) at its StampAnnot, and simple
// paths (lines, curves, fills; an arc as a line to its end). As JSON, in
// hundredths of a point from the page's lower left, y up:
//   {"width":W,"height":H,"glyphs":[[x,y,size,"text"],...],
//    "images":[{"box":[x,y,w,h],"type":"png","data":"<base64>"}],
//    "paths":[{"stroke":"#rrggbb","fill":"#rrggbb","width":W,"d":["M",x,y,"L",x,y,"Q",..,"B",..,"Z"]}],
//    "stamps":[{"box":[x,y,w,h],"type":"png","data":"<base64>"}]}
// Bounded like the text reader; an image over 8 MB is left out. Text is
// text: the host draws it with a canvas, never as markup.
#pragma once

#include <cstddef>
#include <string>

#include "sealcheck/verify.h"

namespace sealcheck::ofd {

// `page`: 1-based. "" when the file is no readable OFD package or has no
// such page.
std::string page_render_json(ByteView file, std::size_t page);

}  // namespace sealcheck::ofd
