<?xml version="1.0" encoding="UTF-8"?>
<!--
  _partner.xsl: pieces the administrator's partner pages share
  (partners.xsl, partner.xsl): the names of message types and of the
  ways stafett authenticates, which secrets are in place, and the fields
  of a partner (name, kind, endpoint, authentication, message types),
  empty for a new one or filled in, with what was typed and the error
  after a refusal. Context of the templates: /page.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <xsl:variable name="partner-kinds" select="'bup nav child_welfare ppt police other'"/>
  <xsl:variable name="message-types" select="'referral nav_notice cw_report handover cancellation'"/>

  <xsl:template name="auth-name">
    <xsl:param name="a"/>
    <xsl:choose>
      <xsl:when test="$a = 'mtls'"><xsl:value-of select="i:t('Client certificate (mutual TLS)')"/></xsl:when>
      <xsl:when test="$a = 'bearer'"><xsl:value-of select="i:t('Bearer token')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="secret-name">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'hmac'"><xsl:value-of select="i:t('Signature key (HMAC)')"/></xsl:when>
      <xsl:when test="$s = 'bearer'"><xsl:value-of select="i:t('Bearer token')"/></xsl:when>
      <xsl:when test="$s = 'cert'"><xsl:value-of select="i:t('Client certificate')"/></xsl:when>
      <xsl:when test="$s = 'key'"><xsl:value-of select="i:t('Client certificate key')"/></xsl:when>
      <xsl:when test="$s = 'inbound_hmac'"><xsl:value-of select="i:t('Signature key of its receipts (HMAC)')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The message types a partner accepts, as words (context: partner). -->
  <xsl:template name="accepts-list">
    <xsl:for-each select="accepts">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@type"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- Which secrets are needed and missing, in a few words (context:
       partner). -->
  <xsl:template name="secrets-state">
    <xsl:choose>
      <xsl:when test="secret[@needed = 'true'][@present = 'false']">
        <strong class="tag bad"><xsl:value-of select="i:t('Secrets missing')"/></strong>
        <xsl:text> </xsl:text>
        <xsl:for-each select="secret[@needed = 'true'][@present = 'false']">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:call-template name="secret-name"><xsl:with-param name="s" select="@name"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <strong class="tag ok"><xsl:value-of select="i:t('In place')"/></strong>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A partner's state: active or paused, and failing. -->
  <xsl:template name="partner-state">
    <xsl:choose>
      <xsl:when test="@status = 'active'"><strong class="tag ok"><xsl:value-of select="i:t('Active')"/></strong></xsl:when>
      <xsl:otherwise><strong class="tag neutral"><xsl:value-of select="i:t('Paused')"/></strong></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@failing-since">
      <xsl:text> </xsl:text>
      <strong class="tag bad"><xsl:value-of select="i:t('Failing')"/></strong>
    </xsl:if>
  </xsl:template>

  <!--
    The fields of a partner. form: "new" or "edit" (ids p-FORM-FIELD, so
    the error summary links to them); p: the partner to fill in from, if
    any. After a refusal the typed values win over the stored ones.
  -->
  <xsl:template name="partner-fields">
    <xsl:param name="form"/>
    <xsl:param name="p" select="/.."/>
    <xsl:variable name="e" select="/page/error[@form = $form]"/>
    <xsl:variable name="t" select="/page/typed[@form = $form]"/>
    <xsl:variable name="retyped" select="boolean($e)"/>
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="$retyped"><xsl:value-of select="$t[@name = 'name']"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$p/@name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="$retyped"><xsl:value-of select="$t[@name = 'kind']"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$p/@kind"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="endpoint">
      <xsl:choose>
        <xsl:when test="$retyped"><xsl:value-of select="$t[@name = 'endpoint']"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$p/@endpoint"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="auth">
      <xsl:choose>
        <xsl:when test="$retyped"><xsl:value-of select="$t[@name = 'auth']"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$p/@auth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('p-', $form, '-name')"/>
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="label" select="i:t('Name')"/>
      <xsl:with-param name="hint" select="i:t('As the senders know the service, e.g. BUP Vestfold.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'200'"/>
      <xsl:with-param name="value" select="string($name)"/>
      <xsl:with-param name="error" select="string($e[@field = 'name'])"/>
    </xsl:call-template>

    <xsl:variable name="kid" select="concat('p-', $form, '-kind')"/>
    <xsl:variable name="kerr" select="string($e[@field = 'kind'])"/>
    <div>
      <xsl:attribute name="class">field<xsl:if test="$kerr != ''"> has-error</xsl:if></xsl:attribute>
      <label for="{$kid}">
        <xsl:value-of select="i:t('Kind of service')"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
      </label>
      <div class="hint" id="{$kid}-hint"><xsl:value-of select="i:t('Notices go to the first active partner of the service they are for that accepts their type; reports of concern go to child welfare.')"/></div>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$kid"/>
        <xsl:with-param name="error" select="$kerr"/>
      </xsl:call-template>
      <select id="{$kid}" name="kind" aria-required="true">
        <xsl:attribute name="aria-describedby"><xsl:value-of select="$kid"/>-hint<xsl:if test="$kerr != ''"><xsl:text> </xsl:text><xsl:value-of select="$kid"/>-error</xsl:if></xsl:attribute>
        <xsl:if test="$kerr != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:call-template name="kind-options">
          <xsl:with-param name="list" select="$partner-kinds"/>
          <xsl:with-param name="selected" select="string($kind)"/>
        </xsl:call-template>
      </select>
    </div>

    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('p-', $form, '-endpoint')"/>
      <xsl:with-param name="name" select="'endpoint'"/>
      <xsl:with-param name="label" select="i:t('Endpoint')"/>
      <xsl:with-param name="type" select="'url'"/>
      <xsl:with-param name="hint" select="i:t('The https:// address notices are sent to. Plain http is refused: notices never travel unencrypted.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'500'"/>
      <xsl:with-param name="value" select="string($endpoint)"/>
      <xsl:with-param name="error" select="string($e[@field = 'endpoint'])"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
    </xsl:call-template>

    <xsl:variable name="aid" select="concat('p-', $form, '-auth')"/>
    <xsl:variable name="aerr" select="string($e[@field = 'auth'])"/>
    <fieldset>
      <xsl:attribute name="class">field choices<xsl:if test="$aerr != ''"> has-error</xsl:if></xsl:attribute>
      <xsl:attribute name="aria-describedby"><xsl:value-of select="$aid"/>-hint<xsl:if test="$aerr != ''"><xsl:text> </xsl:text><xsl:value-of select="$aid"/>-error</xsl:if></xsl:attribute>
      <xsl:if test="$aerr != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
      <legend>
        <xsl:value-of select="i:t('Authentication')"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
      </legend>
      <div class="hint" id="{$aid}-hint"><xsl:value-of select="i:t('Every message is also signed with the partner’s signature key (HMAC-SHA256).')"/></div>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$aid"/>
        <xsl:with-param name="error" select="$aerr"/>
      </xsl:call-template>
      <div class="choice">
        <input type="radio" id="{$aid}" name="auth" value="mtls">
          <xsl:if test="$auth = 'mtls'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$aid}"><xsl:call-template name="auth-name"><xsl:with-param name="a" select="'mtls'"/></xsl:call-template></label>
      </div>
      <div class="choice">
        <input type="radio" id="{$aid}-2" name="auth" value="bearer">
          <xsl:if test="$auth = 'bearer'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$aid}-2"><xsl:call-template name="auth-name"><xsl:with-param name="a" select="'bearer'"/></xsl:call-template></label>
      </div>
    </fieldset>

    <xsl:variable name="tid" select="concat('p-', $form, '-accepts')"/>
    <xsl:variable name="terr" select="string($e[@field = 'accepts'])"/>
    <fieldset>
      <xsl:attribute name="class">field choices<xsl:if test="$terr != ''"> has-error</xsl:if></xsl:attribute>
      <xsl:if test="$terr != ''">
        <xsl:attribute name="aria-describedby"><xsl:value-of select="$tid"/>-error</xsl:attribute>
        <xsl:attribute name="aria-invalid">true</xsl:attribute>
      </xsl:if>
      <legend>
        <xsl:value-of select="i:t('Message types it accepts')"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(at least one)')"/></span>
      </legend>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$tid"/>
        <xsl:with-param name="error" select="$terr"/>
      </xsl:call-template>
      <xsl:call-template name="type-checks">
        <xsl:with-param name="list" select="$message-types"/>
        <xsl:with-param name="id" select="$tid"/>
        <xsl:with-param name="retyped" select="$retyped"/>
        <xsl:with-param name="typed" select="$t[@name = 'accepts']"/>
        <xsl:with-param name="stored" select="$p/accepts"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- An option per kind in a space-separated list. -->
  <xsl:template name="kind-options">
    <xsl:param name="list"/>
    <xsl:param name="selected"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:if test="$l != ''">
      <xsl:variable name="k">
        <xsl:choose>
          <xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <option value="{$k}">
        <xsl:if test="$k = $selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:call-template name="service"><xsl:with-param name="code" select="$k"/></xsl:call-template>
      </option>
      <xsl:call-template name="kind-options">
        <xsl:with-param name="list" select="substring-after($l, ' ')"/>
        <xsl:with-param name="selected" select="$selected"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A checkbox per message type in a space-separated list; the first
       gets the id the error summary links to. -->
  <xsl:template name="type-checks">
    <xsl:param name="list"/>
    <xsl:param name="id"/>
    <xsl:param name="retyped"/>
    <xsl:param name="typed"/>
    <xsl:param name="stored"/>
    <xsl:param name="n" select="1"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:if test="$l != ''">
      <xsl:variable name="k">
        <xsl:choose>
          <xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="cid">
        <xsl:value-of select="$id"/>
        <xsl:if test="$n &gt; 1"><xsl:value-of select="concat('-', $n)"/></xsl:if>
      </xsl:variable>
      <div class="check">
        <input type="checkbox" id="{$cid}" name="accepts" value="{$k}">
          <xsl:if test="($retyped and $typed[. = $k]) or (not($retyped) and $stored[@type = $k])">
            <xsl:attribute name="checked">checked</xsl:attribute>
          </xsl:if>
        </input>
        <label for="{$cid}"><xsl:call-template name="notice-kind"><xsl:with-param name="k" select="$k"/></xsl:call-template></label>
      </div>
      <xsl:call-template name="type-checks">
        <xsl:with-param name="list" select="substring-after($l, ' ')"/>
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="retyped" select="$retyped"/>
        <xsl:with-param name="typed" select="$typed"/>
        <xsl:with-param name="stored" select="$stored"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
