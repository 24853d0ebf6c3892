// A classic-xref PDF from object bodies, offsets computed: the hand-built
// files of the page-text tests, the content fuzzer and the corpus's GBK page.
#pragma once

#include <string>
#include <vector>

namespace sealcheck::testing {

// Object n is bodies[n - 1]; the trailer's /Root is object `root` (0: none).
inline std::string plain_pdf(const std::vector<std::string>& bodies, int root) {
  std::string pdf = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t o : offsets) {
    const std::string n = std::to_string(o);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(bodies.size() + 1) +
         (root > 0 ? " /Root " + std::to_string(root) + " 0 R" : std::string()) + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace sealcheck::testing
