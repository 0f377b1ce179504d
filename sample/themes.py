"""The subjects a sample corpus is about: one theme per central resolution and its cascade.

Each theme has an invented party document at its root (a Nghị quyết of the Bộ Chính trị, a Kết
luận or Chỉ thị of the Ban Bí thư), the government document that carries it out (a Nghị quyết of
the Chính phủ or a Quyết định of the Thủ tướng), the department that leads it in a province, its
partners, and the task cores and indicators plans about it are written from. Numbers, dates and
subjects are made up for the generator; no sentence comes from a real document.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policykg.sample import vocab as v


@dataclass(frozen=True)
class Central:
    """A central document: ``id`` as GUIDE.md writes it, ``issuer`` in full, the printed forms
    of its issuer when cited, and the words that tie it to its parent ("về tiếp tục thực hiện")."""

    kind: str
    id: str
    issuer: str
    date: date
    subject: str
    cited_as: tuple[str, ...] = ()
    link: str = "về thực hiện"


@dataclass(frozen=True)
class Indicator:
    """A quantified goal: words, unit ("%", "bác sĩ/vạn dân", "ha", None for a count), value range
    and how many decimals a value may carry."""

    text: str
    unit: str | None
    low: float
    high: float
    decimals: int = 0


@dataclass(frozen=True)
class Theme:
    """One subject and its central documents, lead department, task cores and indicators.

    ``cores`` are ``"verb|verb :: object"``: a task is one of the verbs, the object and a tail.
    """

    key: str
    field: str
    root: Central
    government: Central
    lead: v.Agency
    partners: tuple[v.Agency, ...]
    ministry: str
    goal: str
    cores: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    horizon: int = 2030
    earlier: Central | None = None


_EDU = Theme(
    key="gd", field="chuyển đổi số trong giáo dục và đào tạo",
    root=Central("Nghị quyết", "83-NQ/TW", "Bộ Chính trị", date(2025, 8, 26),
                 "đẩy mạnh chuyển đổi số trong giáo dục và đào tạo đến năm 2030, tầm nhìn đến năm 2045"),
    government=Central("Nghị quyết", "152/NQ-CP", "Chính phủ", date(2025, 10, 14), "",
                       link="ban hành Chương trình hành động thực hiện"),
    lead=v.GD, partners=(v.KH, v.TC, v.NV, v.CA, v.DOAN), ministry="Bộ Giáo dục và Đào tạo",
    goal="Tạo chuyển biến rõ nét về chuyển đổi số trong quản lý, dạy và học; hình thành môi trường giáo dục "
         "số kết nối, chia sẻ dữ liệu, góp phần nâng cao chất lượng nguồn nhân lực",
    cores=(
        "Đầu tư, nâng cấp|Rà soát, bổ sung|Từng bước hoàn thiện :: "
        "hạ tầng mạng, thiết bị số phục vụ dạy và học tại các trường phổ thông",
        "Xây dựng|Hoàn thiện|Cập nhật thường xuyên :: kho học liệu số dùng chung cho giáo viên và học sinh các cấp học",
        "Bồi dưỡng|Tập huấn nâng cao :: kỹ năng số cho đội ngũ nhà giáo và cán bộ quản lý giáo dục",
        "Triển khai|Mở rộng :: học bạ số, sổ điểm điện tử và hồ sơ quản lý trường học trên môi trường mạng",
        "Kết nối, đồng bộ :: cơ sở dữ liệu ngành giáo dục với cơ sở dữ liệu quốc gia về dân cư",
        "Thí điểm|Nhân rộng :: mô hình trường học số ở vùng đồng bào dân tộc thiểu số và vùng khó khăn",
        "Đẩy mạnh|Triển khai :: thanh toán không dùng tiền mặt đối với các khoản thu, chi trong trường học",
        "Bảo đảm|Tăng cường :: an toàn, an ninh thông tin trên các nền tảng dạy học và quản lý trực tuyến",
        "Đổi mới :: phương thức kiểm tra, đánh giá học sinh theo hướng ứng dụng công nghệ số",
        "Phát triển :: chương trình giáo dục kỹ năng số và an toàn trên không gian mạng cho học sinh",
        "Huy động|Lồng ghép :: nguồn lực xã hội hóa để trang bị thiết bị học tập cho học sinh có hoàn cảnh khó khăn",
        "Số hóa :: hồ sơ tuyển sinh, cấp phát văn bằng, chứng chỉ và thủ tục hành chính của ngành",
        "Ứng dụng :: trí tuệ nhân tạo trong hỗ trợ giáo viên soạn bài và cá nhân hóa việc học",
        "Ban hành|Hoàn thiện :: quy chế quản lý, khai thác và chia sẻ dữ liệu giáo dục trên địa bàn",
        "Hình thành :: đội ngũ giáo viên nòng cốt về chuyển đổi số ở từng trường học",
    ),
    indicators=(
        Indicator("tỷ lệ trường phổ thông sử dụng học bạ số", "%", 85, 100),
        Indicator("tỷ lệ giáo viên được bồi dưỡng kỹ năng số", "%", 80, 100),
        Indicator("tỷ lệ học sinh trung học được học tập trên nền tảng số", "%", 60, 95),
        Indicator("tỷ lệ trường học có kết nối mạng tốc độ cao", "%", 90, 100),
        Indicator("tỷ lệ thủ tục hành chính của ngành được cung cấp trực tuyến toàn trình", "%", 80, 100),
        Indicator("mô hình trường học số điển hình", None, 2, 12),
    ),
)

_HEALTH = Theme(
    key="yt", field="chăm sóc sức khỏe ban đầu",
    root=Central("Kết luận", "176-KL/TW", "Ban Bí thư", date(2025, 8, 5),
                 "tiếp tục nâng cao chất lượng chăm sóc sức khỏe ban đầu cho Nhân dân trong tình hình mới",
                 link="về tiếp tục thực hiện"),
    earlier=Central("Chỉ thị", "38-CT/TW", "Ban Bí thư khóa XII", date(2019, 6, 15),
                    "tăng cường củng cố, hoàn thiện mạng lưới y tế cơ sở"),
    government=Central("Quyết định", "1385/QĐ-TTg", "Thủ tướng Chính phủ", date(2025, 9, 19), "",
                       link="ban hành Kế hoạch thực hiện"),
    lead=v.YT, partners=(v.TC, v.NV, v.BHXH, v.GD, v.PHUNU), ministry="Bộ Y tế",
    goal="Nâng cao năng lực của y tế cơ sở, bảo đảm mọi người dân được quản lý, chăm sóc sức khỏe liên tục, "
         "toàn diện ngay tại cộng đồng",
    cores=(
        "Kiện toàn|Củng cố :: mạng lưới trạm y tế xã, phường gắn với nguyên lý y học gia đình",
        "Triển khai|Mở rộng :: hồ sơ sức khỏe điện tử và sổ sức khỏe điện tử cho người dân",
        "Nâng cao chất lượng :: công tác tiêm chủng mở rộng cho trẻ em và phụ nữ có thai",
        "Tăng cường :: quản lý, điều trị bệnh không lây nhiễm tại tuyến y tế cơ sở",
        "Bổ sung|Đầu tư :: trang thiết bị thiết yếu phục vụ khám, chữa bệnh ban đầu",
        "Đào tạo, bồi dưỡng :: đội ngũ nhân viên y tế thôn, bản và cô đỡ thôn bản",
        "Đẩy mạnh :: truyền thông giáo dục sức khỏe, vận động người dân chủ động khám sức khỏe",
        "Cải thiện :: tình trạng dinh dưỡng của bà mẹ và trẻ em, nhất là ở vùng khó khăn",
        "Phát triển :: mạng lưới chăm sóc sức khỏe người cao tuổi dựa vào cộng đồng",
        "Thực hiện|Mở rộng :: khám, chữa bệnh bảo hiểm y tế tại trạm y tế xã, phường",
        "Giám sát chặt chẽ|Kiểm soát :: các bệnh truyền nhiễm, không để dịch bệnh lớn xảy ra",
        "Phát triển :: y học cổ truyền, kết hợp y học cổ truyền với y học hiện đại ở tuyến cơ sở",
        "Có chính sách đãi ngộ để thu hút :: bác sĩ về công tác tại các xã vùng sâu, vùng xa",
        "Bảo đảm :: an toàn thực phẩm tại bếp ăn tập thể và cơ sở kinh doanh dịch vụ ăn uống",
    ),
    indicators=(
        Indicator("tỷ lệ trạm y tế xã thực hiện khám, chữa bệnh bảo hiểm y tế", "%", 90, 100),
        Indicator("tỷ lệ người dân được quản lý sức khỏe bằng hồ sơ điện tử", "%", 80, 98),
        Indicator("tỷ lệ trẻ em dưới một tuổi được tiêm chủng đầy đủ", "%", 95, 99, 1),
        Indicator("tỷ lệ dân số tham gia bảo hiểm y tế", "%", 93, 97, 1),
        Indicator("số bác sĩ", "bác sĩ/vạn dân", 11, 19),
        Indicator("số giường bệnh", "giường bệnh/vạn dân", 30, 40),
    ),
)

_READING = Theme(
    key="vh", field="phát triển văn hóa đọc",
    root=Central("Chỉ thị", "47-CT/TW", "Ban Bí thư", date(2025, 9, 12),
                 "tăng cường sự lãnh đạo của Đảng đối với việc phát triển văn hóa đọc trong giai đoạn mới"),
    government=Central("Quyết định", "2114/QĐ-TTg", "Thủ tướng Chính phủ", date(2025, 10, 28), "",
                       link="ban hành Kế hoạch thực hiện"),
    lead=v.VH, partners=(v.GD, v.KH, v.DOAN, v.PHUNU, v.TC), ministry="Bộ Văn hóa, Thể thao và Du lịch",
    goal="Hình thành thói quen đọc sách trong các tầng lớp Nhân dân, nhất là thanh thiếu niên; phát triển "
         "hệ thống thư viện hiện đại, thân thiện, gắn với xây dựng xã hội học tập",
    cores=(
        "Củng cố, phát triển|Nâng cao hiệu quả hoạt động của :: hệ thống thư viện công cộng và tủ sách cơ sở",
        "Phát động|Duy trì :: phong trào đọc sách trong trường học, gia đình và cộng đồng dân cư",
        "Xây dựng :: thư viện số kết nối, chia sẻ tài nguyên với các thư viện trong và ngoài tỉnh",
        "Tổ chức :: các hoạt động hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam",
        "Bố trí :: không gian đọc thân thiện tại nhà văn hóa thôn, tổ dân phố",
        "Luân chuyển|Bổ sung :: sách, báo phục vụ đồng bào vùng sâu, vùng xa, biên giới",
        "Khuyến khích|Hỗ trợ :: doanh nghiệp và cá nhân tham gia phát triển văn hóa đọc",
        "Đào tạo, bồi dưỡng :: nghiệp vụ cho người làm công tác thư viện ở cơ sở",
        "Số hóa :: tài liệu quý hiếm và tài liệu địa chí của địa phương",
        "Phát huy :: vai trò của các câu lạc bộ đọc sách và đại sứ văn hóa đọc",
        "Lồng ghép :: hoạt động phát triển văn hóa đọc với phong trào xây dựng đời sống văn hóa ở khu dân cư",
        "Đa dạng hóa :: hình thức giới thiệu sách trên nền tảng số và mạng xã hội",
    ),
    indicators=(
        Indicator("tỷ lệ xã, phường có thư viện hoặc tủ sách cộng đồng", "%", 70, 100),
        Indicator("tỷ lệ trường phổ thông có thư viện đạt chuẩn", "%", 75, 100),
        Indicator("tỷ lệ thư viện công cộng sử dụng phần mềm quản lý thư viện", "%", 60, 100),
        Indicator("số bản sách bình quân trong thư viện công cộng", "bản/người", 0.3, 1.5, 1),
        Indicator("mô hình văn hóa đọc tiêu biểu", None, 3, 20),
    ),
)

_FARM = Theme(
    key="nn", field="phát triển nông nghiệp xanh và xây dựng nông thôn mới",
    root=Central("Nghị quyết", "87-NQ/TW", "Bộ Chính trị", date(2025, 7, 18),
                 "phát triển nông nghiệp xanh, kinh tế tuần hoàn và xây dựng nông thôn mới hiện đại đến năm 2035"),
    government=Central("Nghị quyết", "204/NQ-CP", "Chính phủ", date(2025, 9, 2), "",
                       link="ban hành Chương trình hành động thực hiện"),
    lead=v.NN, partners=(v.CT, v.TC, v.KH, v.NONGDAN, v.XD), ministry="Bộ Nông nghiệp và Môi trường",
    goal="Phát triển nền nông nghiệp xanh, sinh thái, hiệu quả cao; nâng cao thu nhập và chất lượng cuộc sống "
         "của cư dân nông thôn, bảo vệ môi trường và cảnh quan nông thôn",
    cores=(
        "Quy hoạch, phát triển|Hình thành :: vùng sản xuất nông nghiệp hữu cơ, nông nghiệp ứng dụng công nghệ cao",
        "Xây dựng|Phát triển :: chuỗi liên kết sản xuất, chế biến và tiêu thụ nông sản chủ lực",
        "Hướng dẫn cấp|Mở rộng việc cấp :: mã số vùng trồng, truy xuất nguồn gốc cho sản phẩm nông nghiệp",
        "Tái sử dụng|Xử lý :: phụ phẩm nông nghiệp theo hướng kinh tế tuần hoàn",
        "Nâng cao chất lượng :: sản phẩm của chương trình Mỗi xã một sản phẩm",
        "Đầu tư, nâng cấp :: hệ thống thủy lợi thích ứng với biến đổi khí hậu",
        "Củng cố, nâng cao hiệu quả :: hoạt động của hợp tác xã nông nghiệp kiểu mới",
        "Giảm dần|Kiểm soát chặt chẽ :: việc sử dụng phân bón hóa học và thuốc bảo vệ thực vật",
        "Triển khai|Thực hiện :: bộ tiêu chí xã nông thôn mới hiện đại giai đoạn 2026 - 2030",
        "Phát triển :: du lịch nông nghiệp, du lịch nông thôn gắn với bảo tồn cảnh quan",
        "Chuyển đổi :: cơ cấu cây trồng, vật nuôi phù hợp với lợi thế của từng vùng",
        "Ứng dụng :: công nghệ số trong quản lý sản xuất, kinh doanh nông sản",
    ),
    indicators=(
        Indicator("tỷ lệ xã đạt chuẩn nông thôn mới nâng cao", "%", 40, 80),
        Indicator("tỷ lệ diện tích canh tác được cấp mã số vùng trồng", "%", 30, 70),
        Indicator("tỷ lệ phụ phẩm nông nghiệp được tái sử dụng", "%", 60, 90),
        Indicator("tốc độ tăng giá trị sản xuất nông nghiệp bình quân", "%/năm", 3, 4.5, 1),
        Indicator("diện tích sản xuất nông nghiệp hữu cơ", "ha", 1200, 9000),
        Indicator("sản phẩm đạt chứng nhận Mỗi xã một sản phẩm", None, 20, 150),
    ),
    horizon=2035,
)

THEMES: tuple[Theme, ...] = (_EDU, _HEALTH, _READING, _FARM)

# Task cores any plan may hold; {field} is the theme's field, {doc} a citation of the plan carried out.
GENERIC_CORES = (
    "Tổ chức quán triệt, tuyên truyền|Đẩy mạnh tuyên truyền, phổ biến :: "
    "nội dung {doc} đến cán bộ, đảng viên và Nhân dân",
    "Rà soát, đề xuất sửa đổi, bổ sung|Nghiên cứu, đề xuất :: cơ chế, chính sách của địa phương về {field}",
    "Theo dõi, đôn đốc|Kiểm tra, giám sát :: việc thực hiện các nhiệm vụ về {field} ở cơ sở",
    "Ưu tiên bố trí|Bố trí, lồng ghép :: nguồn lực thực hiện các nhiệm vụ về {field}",
    "Sơ kết, đánh giá|Tổ chức sơ kết :: kết quả thực hiện {doc}",
    "Biểu dương, khen thưởng :: tập thể, cá nhân có thành tích tiêu biểu trong {field}",
    "Học tập, trao đổi :: kinh nghiệm của các tỉnh, thành phố làm tốt công tác {field}",
    "Đưa :: chỉ tiêu về {field} vào kế hoạch phát triển kinh tế - xã hội của địa phương",
)

TAILS = (
    "", "", "", ", bảo đảm đồng bộ, thống nhất và hiệu quả", " trên địa bàn {lvl}",
    ", phù hợp với điều kiện thực tế của địa phương", "; chú trọng vùng đồng bào dân tộc thiểu số, vùng sâu, vùng xa",
    ", lấy người dân làm trung tâm", " theo hướng thực chất, hiệu quả, bền vững",
    "; kịp thời tháo gỡ khó khăn, vướng mắc phát sinh",
)
